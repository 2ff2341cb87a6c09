#ifndef OCOP_PNG_SHIM_H
#define OCOP_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

/* Colour types, mirroring PNG's own numbering so no libpng header leaks out of this target. */
enum {
    OCOP_PNG_GRAY = 0,
    OCOP_PNG_RGB = 2,
    OCOP_PNG_PALETTE = 3,
};

/* One image to encode. `pixels` holds `height` rows of `row_bytes` bytes, already packed at
   `bit_depth` (MSB first for depths below 8). */
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;            /* 1, 2, 4 or 8 */
    int color_type;           /* OCOP_PNG_GRAY, OCOP_PNG_RGB or OCOP_PNG_PALETTE */
    const uint8_t *pixels;
    size_t row_bytes;
    const uint8_t *palette;   /* palette_count RGB triples, for OCOP_PNG_PALETTE */
    int palette_count;
    uint32_t pixels_per_meter;/* pHYs; 0 writes no pHYs chunk */
    int compression_level;    /* zlib 0-9, or -1 for libpng's default */
    int filter_none;          /* 1: skip row filtering (right for bilevel art) */
    int mem_level;            /* zlib memLevel 1-9, or 0 for libpng's default (8) */
} ocop_png_image;

/* The encoded file, owned by the caller after success; release with ocop_png_free. */
typedef struct {
    uint8_t *bytes;
    size_t count;
} ocop_png_buffer;

/* Encodes `image` into `out`. Returns 0 on success; on any libpng error returns -1 with the
   message copied into `error` (NUL-terminated, truncated to `error_size`) and nothing allocated.
   Never aborts the process. */
int ocop_png_encode(const ocop_png_image *image, ocop_png_buffer *out, char *error, size_t error_size);

void ocop_png_free(ocop_png_buffer *buffer);

/* A decoded image: 8-bit gray, `width` bytes per row, no padding. Owned by the caller after
   success; release with ocop_png_free_gray. */
typedef struct {
    uint32_t width;
    uint32_t height;
    uint8_t *pixels;
} ocop_png_gray;

/* Decodes a PNG file held in memory to 8-bit gray, whatever its colour type and depth;
   transparent pixels are composed over white. Refuses images of more than `max_pixels` pixels
   before allocating them. Returns 0 on success; on any libpng error returns -1 with the message
   copied into `error` and nothing allocated. Never aborts the process and never longjmps past
   this function. */
int ocop_png_decode_gray(const uint8_t *bytes, size_t count, uint64_t max_pixels, ocop_png_gray *out,
                         char *error, size_t error_size);

void ocop_png_free_gray(ocop_png_gray *image);

#endif
