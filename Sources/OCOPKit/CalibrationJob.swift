import OCOPLabel

/// Writes a sheet's calibration page (`SheetCalibration`) to a file, atomically, or to
/// standard output.
public enum CalibrationJob {
    /// The default file: `<out>/<sheet>-calibration.pdf`.
    public static func defaultPath(sheet: String, root: String = "Output") -> String {
        root + "/" + OutputLayout.segment(sheet) + "-calibration.pdf"
    }

    /// - Parameter path: the PDF to write, or "-" for standard output.
    public static func write(sheet name: String, library: TemplateLibrary, placement: SheetPlacement, to path: String) throws(KitError) {
        let sheet = try wrap { () throws(LabelError) in try library.sheet(named: name) }
        if let problem = placement.problem(labelsPerPage: sheet.template.labelsPerPage) { throw .output(.invalidOption(problem)) }
        let bytes = try wrap { () throws(LabelError) in try SheetCalibration.pdf(sheet, placement: placement) }
        let output: JobOutput
        if path == "-" {
            output = .standardOutput()
        } else {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex { try OutputLayout.createFolder(String(path[..<slash])) }
            output = try .file(path)
        }
        try output.append(bytes)
        _ = try output.commit()
    }
}
