#!/usr/bin/env python3
"""Sales through the write API (issue 13): DEVICES tills, each with its own token and one
keep-alive connection, sell their share of the unit codes at once; then every code is offered a
second time (each must be refused with 409). Prints one JSON object with latencies in ms.

    bench/sales.py PORT TOKENS_FILE CODES_FILE
"""
import http.client
import json
import sys
import threading
import time


def sell(port, token, codes, latencies, statuses, lock):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    mine, seen = [], {}
    for code in codes:
        body = json.dumps({"code": code})
        started = time.perf_counter()
        connection.request("POST", "/api/v1/sales", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        mine.append((time.perf_counter() - started) * 1000)
        seen[response.status] = seen.get(response.status, 0) + 1
    connection.close()
    with lock:
        latencies.extend(mine)
        for status, count in seen.items():
            statuses[status] = statuses.get(status, 0) + count


def run(port, tokens, codes):
    latencies, statuses, lock = [], {}, threading.Lock()
    shares = [codes[index::len(tokens)] for index in range(len(tokens))]
    threads = [threading.Thread(target=sell, args=(port, token, share, latencies, statuses, lock))
               for token, share in zip(tokens, shares)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def at(fraction):
        return round(latencies[min(len(latencies) - 1, int(fraction * len(latencies)))], 2)

    return {"requests": len(latencies), "per_second": round(len(latencies) / elapsed, 1), "p50_ms": at(0.50),
            "p99_ms": at(0.99), "max_ms": round(latencies[-1], 2), "statuses": {str(k): v for k, v in statuses.items()}}


def main():
    port = int(sys.argv[1])
    tokens = [line.strip() for line in open(sys.argv[2]) if line.strip()]
    codes = [line.strip() for line in open(sys.argv[3]) if line.strip()]
    first = run(port, tokens, codes)
    # The second offer of each code goes to another till than the first.
    second = run(port, tokens[1:] + tokens[:1], codes)
    print(json.dumps({"devices": len(tokens), "first_sales": first, "second_offers": second}))


if __name__ == "__main__":
    main()
