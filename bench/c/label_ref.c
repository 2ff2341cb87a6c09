/* C reference for the label benchmark: the 50 × 30 mm product label at 300 dpi (591 × 354 px),
 * drawn with cairo + pango and written as 8-bit gray PNG through libpng with its defaults.
 * The static part (product, producer, address, rule, lot and dates) is drawn once; each unit
 * copies it, sets its QR modules as whole pixels (0.34 mm = 4 px, quiet zone 4 modules, bottom of
 * the 24.6 mm box) and lays out its short code.
 *   label_ref codes.csv out-dir      (codes.csv: uri,short_code[,serial], header optional)
 * Writes out-dir/<n>.png. */
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DPI 300.0
static double px(double mm) { return mm * DPI / 25.4; }

static void text(cairo_t *cr, const char *font, const char *s, double x, double y, double w, double h,
                 int center) {
    PangoLayout *layout = pango_cairo_create_layout(cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), DPI); /* points at 300 dpi */
    pango_layout_context_changed(layout);
    PangoFontDescription *desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, (int)(px(w) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    if (center) pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, s, -1);
    int lw, lh;
    pango_layout_get_pixel_size(layout, &lw, &lh);
    cairo_move_to(cr, px(x), px(y) + (center ? (px(h) - lh) / 2 : 0));
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);
}

static int write_gray(const char *path, cairo_surface_t *surface, unsigned char *gray) {
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    cairo_surface_flush(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + y * stride);
        for (int x = 0; x < w; x++) gray[y * w + x] = (unsigned char)row[x];
    }
    FILE *file = fopen(path, "wb");
    if (!file) return -1;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) { png_destroy_write_struct(&png, &info); fclose(file); return -1; }
    png_init_io(png, file);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, 11811, 11811, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) png_write_row(png, gray + y * w);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return fclose(file);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: label_ref codes.csv out-dir\n"); return 64; }
    const int W = (int)lround(px(50)), H = (int)lround(px(30));
    cairo_surface_t *stat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(stat);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, "DejaVu Sans Bold 6.3", "Kẹo dừa sáp Cầu Kè loại đặc biệt", 1.2, 1.2, 22.2, 7.6, 0);
    text(cr, "DejaVu Sans Bold 5.5", "Hợp tác xã Nông nghiệp Cầu Kè", 1.2, 9.1, 22.2, 4.6, 0);
    text(cr, "DejaVu Sans 5", "Hòa Tân, Cầu Kè, Trà Vinh", 1.2, 13.7, 22.2, 6.2, 0);
    cairo_set_line_width(cr, px(0.15));
    cairo_move_to(cr, px(1.2), px(20.2));
    cairo_line_to(cr, px(23.4), px(20.2));
    cairo_stroke(cr);
    text(cr, "DejaVu Sans 6", "Lô SX: LOT2024A", 1.2, 20.6, 22.2, 2.6, 0);
    text(cr, "DejaVu Sans 6", "NSX: 20/11/2026", 1.2, 23.3, 22.2, 2.6, 0);
    text(cr, "DejaVu Sans 6", "HSD: 20/05/2027", 1.2, 26.0, 22.2, 2.6, 0);
    cairo_destroy(cr);
    cairo_surface_flush(stat);
    int stride = cairo_image_surface_get_stride(stat);
    unsigned char *static_pixels = malloc((size_t)stride * H);
    memcpy(static_pixels, cairo_image_surface_get_data(stat), (size_t)stride * H);

    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    unsigned char *gray = malloc((size_t)W * H);
    FILE *input = fopen(argv[1], "r");
    if (!input) { perror(argv[1]); return 74; }
    char *line = NULL, path[4096];
    size_t capacity = 0;
    ssize_t length;
    int count = 0;
    const int module = (int)lround(px(0.34));
    while ((length = getline(&line, &capacity, input)) >= 0) {
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = 0;
        if (length == 0 || strncmp(line, "uri,", 4) == 0) continue;
        char *comma = strchr(line, ',');
        const char *shortcode = "";
        if (comma) {
            *comma = 0;
            shortcode = comma + 1;
            char *next = strchr(comma + 1, ',');
            if (next) *next = 0;
        }
        QRcode *code = QRcode_encodeString(line, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!code) return 65;
        cairo_surface_flush(surface);
        unsigned char *data = cairo_image_surface_get_data(surface);
        memcpy(data, static_pixels, (size_t)stride * H);
        int side = (code->width + 8) * module;
        int x0 = (int)lround(px(24.2) + (px(24.6) - side) / 2), y0 = (int)lround(px(1.2) + px(24.6) - side);
        for (int r = 0; r < side; r++) {
            uint32_t *row = (uint32_t *)(data + (y0 + r) * stride);
            int my = r / module - 4;
            for (int c = 0; c < side; c++) {
                int mx = c / module - 4;
                int dark = my >= 0 && my < code->width && mx >= 0 && mx < code->width && (code->data[my * code->width + mx] & 1);
                row[x0 + c] = dark ? 0x000000 : 0xFFFFFF;
            }
        }
        cairo_surface_mark_dirty(surface);
        cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, "DejaVu Sans Mono Bold 7", shortcode, 24.2, 25.8, 24.6, 3.0, 1);
        cairo_destroy(cr);
        QRcode_free(code);
        snprintf(path, sizeof path, "%s/%04d.png", argv[2], ++count);
        if (write_gray(path, surface, gray) != 0) return 73;
    }
    printf("%d\n", count);
    return 0;
}
