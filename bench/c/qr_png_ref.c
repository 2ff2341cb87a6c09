/* C reference for the QR PNG benchmark: libqrencode + libpng in a plain loop.
 * Same settings as `ocop-trace qr --batch`: EC M, 8 px per module, 4-module quiet zone, pHYs 300 dpi,
 * libpng defaults (zlib level 6, default filters). 1-bit gray by default, 8-bit gray with --gray8.
 *   qr_png_ref [--gray8] payloads.txt out-dir
 * Writes out-dir/0001.png … one per line. */
#include <errno.h>
#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MODULE_PX = 8, MARGIN = 4 };

static int write_png(const char *path, const QRcode *code, int gray8) {
    int side = (code->width + 2 * MARGIN) * MODULE_PX;
    size_t row_bytes = gray8 ? (size_t)side : (size_t)(side + 7) / 8;
    FILE *file = fopen(path, "wb");
    if (!file) { perror(path); return -1; }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) { png_destroy_write_struct(&png, &info); fclose(file); return -1; }
    png_init_io(png, file);
    png_set_IHDR(png, info, side, side, gray8 ? 8 : 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, 11811, 11811, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    unsigned char *row = malloc(row_bytes);
    for (int y = 0; y < side; y++) {
        int my = y / MODULE_PX - MARGIN;
        memset(row, 0xFF, row_bytes);
        if (my >= 0 && my < code->width) {
            for (int mx = 0; mx < code->width; mx++) {
                if (!(code->data[my * code->width + mx] & 1)) continue;
                int x0 = (mx + MARGIN) * MODULE_PX;
                for (int x = x0; x < x0 + MODULE_PX; x++) {
                    if (gray8) row[x] = 0;
                    else row[x >> 3] &= (unsigned char)~(0x80 >> (x & 7));
                }
            }
        }
        png_write_row(png, row);
    }
    free(row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return fclose(file);
}

int main(int argc, char **argv) {
    int gray8 = 0, arg = 1;
    if (argc > 1 && strcmp(argv[1], "--gray8") == 0) { gray8 = 1; arg++; }
    if (argc - arg != 2) { fprintf(stderr, "usage: qr_png_ref [--gray8] payloads.txt out-dir\n"); return 64; }
    FILE *input = fopen(argv[arg], "r");
    if (!input) { perror(argv[arg]); return 74; }
    char *line = NULL, path[4096];
    size_t capacity = 0;
    ssize_t length;
    int count = 0;
    while ((length = getline(&line, &capacity, input)) >= 0) {
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = 0;
        if (length == 0) continue;
        QRcode *code = QRcode_encodeString(line, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!code) { fprintf(stderr, "encode failed: %s\n", strerror(errno)); return 65; }
        snprintf(path, sizeof path, "%s/%04d.png", argv[arg + 1], ++count);
        if (write_png(path, code, gray8) != 0) return 73;
        QRcode_free(code);
    }
    free(line);
    fclose(input);
    printf("%d\n", count);
    return 0;
}
