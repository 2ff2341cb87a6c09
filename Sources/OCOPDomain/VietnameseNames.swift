/// Vocabulary typed by its Vietnamese name, as registers and `product show` write it: "Thực
/// phẩm", "thuc pham", "HỢP TÁC XÃ" all name their word. A part of a long name is enough when it
/// names one word only ("Dược liệu", "Thủ công mỹ nghệ").
enum VietnameseNames {
    static func match<Word>(_ text: String, _ names: [(word: Word, name: String)]) -> Word? {
        let typed = VietnameseFolding.fold(text)
        guard !typed.isEmpty else { return nil }
        if let exact = names.first(where: { VietnameseFolding.fold($0.name) == typed }) { return exact.word }
        guard typed.count >= 6 else { return nil }
        let partial = names.filter { VietnameseFolding.fold($0.name).contains(typed) }
        return partial.count == 1 ? partial[0].word : nil
    }
}
