#include "png_shim.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* Everything libpng's callbacks need: the jump target, the error text and the output buffer. */
typedef struct {
    jmp_buf jump;
    char *error;
    size_t error_size;
    ocop_png_buffer buffer;
    size_t capacity;
} shim_context;

static void shim_set_error(shim_context *ctx, const char *message) {
    if (ctx->error == NULL || ctx->error_size == 0) return;
    strncpy(ctx->error, message ? message : "unknown libpng error", ctx->error_size - 1);
    ctx->error[ctx->error_size - 1] = '\0';
}

/* libpng must not return from its error handler, so jump back to ocop_png_encode. */
static void shim_error(png_structp png, png_const_charp message) {
    shim_context *ctx = (shim_context *)png_get_error_ptr(png);
    shim_set_error(ctx, message);
    longjmp(ctx->jump, 1);
}

static void shim_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; /* warnings do not stop the write and are not worth a user's attention */
}

static void shim_write(png_structp png, png_bytep data, size_t length) {
    shim_context *ctx = (shim_context *)png_get_io_ptr(png);
    size_t needed = ctx->buffer.count + length;
    if (needed > ctx->capacity) {
        size_t capacity = ctx->capacity ? ctx->capacity : 4096;
        while (capacity < needed) capacity *= 2;
        uint8_t *grown = realloc(ctx->buffer.bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory while encoding PNG");
        ctx->buffer.bytes = grown;
        ctx->capacity = capacity;
    }
    memcpy(ctx->buffer.bytes + ctx->buffer.count, data, length);
    ctx->buffer.count = needed;
}

static void shim_flush(png_structp png) { (void)png; }

int ocop_png_encode(const ocop_png_image *image, ocop_png_buffer *out, char *error, size_t error_size) {
    /* volatile: these are read after longjmp, so they must not live only in registers. */
    shim_context *volatile ctx = calloc(1, sizeof(shim_context));
    png_structp volatile png = NULL;
    png_infop volatile info = NULL;
    if (out) { out->bytes = NULL; out->count = 0; }
    if (ctx == NULL) {
        if (error && error_size) { strncpy(error, "out of memory", error_size - 1); error[error_size - 1] = '\0'; }
        return -1;
    }
    ctx->error = error;
    ctx->error_size = error_size;
    if (image == NULL || out == NULL) {
        shim_set_error(ctx, "no image or output given");
        free(ctx);
        return -1;
    }

    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, ctx, shim_error, shim_warning);
    if (png == NULL) {
        shim_set_error(ctx, "libpng could not create a write structure");
        free(ctx);
        return -1;
    }
    if (setjmp(ctx->jump)) {
        png_structp p = png;
        png_infop i = info;
        png_destroy_write_struct(&p, i ? &i : NULL);
        free(ctx->buffer.bytes);
        free(ctx);
        return -1;
    }
    info = png_create_info_struct(png);
    if (info == NULL) png_error(png, "libpng could not create an info structure");

    png_set_write_fn(png, ctx, shim_write, shim_flush);
    if (image->compression_level >= 0) png_set_compression_level(png, image->compression_level);
    if (image->mem_level > 0) png_set_compression_mem_level(png, image->mem_level);
    if (image->filter_none) png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);

    png_set_IHDR(png, info, image->width, image->height, image->bit_depth, image->color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);

    if (image->color_type == OCOP_PNG_PALETTE) {
        if (image->palette == NULL || image->palette_count < 1 || image->palette_count > 256)
            png_error(png, "a palette image needs 1 to 256 palette entries");
        png_color colors[256];
        for (int i = 0; i < image->palette_count; i++) {
            colors[i].red = image->palette[3 * i];
            colors[i].green = image->palette[3 * i + 1];
            colors[i].blue = image->palette[3 * i + 2];
        }
        png_set_PLTE(png, info, colors, image->palette_count);
    }
    if (image->pixels_per_meter > 0)
        png_set_pHYs(png, info, image->pixels_per_meter, image->pixels_per_meter, PNG_RESOLUTION_METER);
    if (image->pixels == NULL) png_error(png, "no pixel data given");
    if (image->height > 0 && image->row_bytes < png_get_rowbytes(png, info))
        png_error(png, "pixel rows are shorter than the image width needs");

    png_write_info(png, info);
    for (uint32_t y = 0; y < image->height; y++)
        png_write_row(png, (png_const_bytep)(image->pixels + (size_t)y * image->row_bytes));
    png_write_end(png, info);

    png_structp p = png;
    png_infop i = info;
    png_destroy_write_struct(&p, &i);
    out->bytes = ctx->buffer.bytes;
    out->count = ctx->buffer.count;
    free(ctx);
    return 0;
}

void ocop_png_free(ocop_png_buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->count = 0;
}

/* Decoding uses libpng's simplified API: it runs every libpng call under its own setjmp
   (png_safe_execute) and reports failures in `image.message`, so no longjmp leaves libpng. */
static void shim_copy_error(char *error, size_t error_size, const char *message) {
    if (error == NULL || error_size == 0) return;
    strncpy(error, message ? message : "unknown libpng error", error_size - 1);
    error[error_size - 1] = '\0';
}

int ocop_png_decode_gray(const uint8_t *bytes, size_t count, uint64_t max_pixels, ocop_png_gray *out,
                         char *error, size_t error_size) {
    if (out == NULL || bytes == NULL) {
        shim_copy_error(error, error_size, "no image given");
        return -1;
    }
    out->width = 0;
    out->height = 0;
    out->pixels = NULL;

    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes, count)) {
        shim_copy_error(error, error_size, image.message);
        png_image_free(&image);
        return -1;
    }
    if (image.width == 0 || image.height == 0 ||
        (uint64_t)image.width * (uint64_t)image.height > max_pixels) {
        shim_copy_error(error, error_size, "image has too many pixels");
        png_image_free(&image);
        return -1;
    }
    image.format = PNG_FORMAT_GRAY;
    size_t size = PNG_IMAGE_SIZE(image);
    uint8_t *pixels = malloc(size);
    if (pixels == NULL) {
        shim_copy_error(error, error_size, "out of memory");
        png_image_free(&image);
        return -1;
    }
    png_color white = {255, 255, 255};
    if (!png_image_finish_read(&image, &white, pixels, 0, NULL)) {
        shim_copy_error(error, error_size, image.message);
        free(pixels);
        png_image_free(&image);
        return -1;
    }
    out->width = image.width;
    out->height = image.height;
    out->pixels = pixels;
    png_image_free(&image);
    return 0;
}

void ocop_png_free_gray(ocop_png_gray *image) {
    if (image == NULL) return;
    free(image->pixels);
    image->pixels = NULL;
    image->width = 0;
    image->height = 0;
}
