import CCairo

/// cairo keeps going after a failure and only records it; these turn the record into a Swift error.
enum CairoStatus {
    static func check(_ status: cairo_status_t, _ operation: String) throws(LabelError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw .graphics(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }

    static func check(surface: OpaquePointer, _ operation: String) throws(LabelError) {
        try check(cairo_surface_status(surface), operation)
    }

    static func check(context: OpaquePointer, _ operation: String) throws(LabelError) {
        try check(cairo_status(context), operation)
    }
}
