/// Finds the vocabulary word a user most likely meant, for "did you mean …?" hints.
enum NearestMatch {
    /// The candidate closest to `input` by edit distance, if it is close enough to be a typo:
    /// at most 2 edits, and fewer than half the input's length (so "x" does not suggest "other").
    static func suggestion(for input: String, among candidates: [String]) -> String? {
        let typed = Array(input.unicodeScalars)
        guard !typed.isEmpty else { return nil }
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.unicodeScalars))
            if best.map({ distance < $0.distance }) ?? true {
                best = (candidate, distance)
            }
        }
        guard let best, best.distance <= 2, best.distance * 2 < typed.count else { return nil }
        return best.word
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](repeating: 0, count: b.count + 1)
        var row = Array(0...b.count)
        var result = 0
        for i in 1...a.count {
            var current = [Int](repeating: 0, count: b.count + 1)
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousRow[j - 2] + 1)
                }
            }
            previousRow = row
            row = current
            result = current[b.count]
        }
        return result
    }
}
