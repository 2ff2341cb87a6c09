#include <zint.h>

/* Swift sees zint_symbol's fixed arrays as tuples of hundreds of elements: these read one cell. */

/* Module (row, column) of the encoded symbol: 1 dark, 0 light. zint packs each row's modules
   as bits, the leftmost in the lowest bit of the first byte (zint's own module_is_set). */
static inline int ocop_zint_module(const struct zint_symbol *symbol, int row, int column) {
    return (symbol->encoded_data[row][column >> 3] >> (column & 7)) & 1;
}

/* zint's message for the last error or warning, NUL-terminated. */
static inline const char *ocop_zint_error_text(const struct zint_symbol *symbol) {
    return symbol->errtxt;
}
