@testable import OCOPServe
import Testing

/// The resolver reads its few query parameters (`s`, `linkType`, `lang`, …) by name.
@Suite struct QueryValueTests {
    @Test func aParameterIsFoundByItsWholeName() {
        let query = "linkType=all&s=abc=d&flag&lang=&ss=no"
        #expect(ResolverResponder.queryValue("s", in: query) == "abc=d")
        #expect(ResolverResponder.queryValue("linkType", in: query) == "all")
        #expect(ResolverResponder.queryValue("flag", in: query) == "")
        #expect(ResolverResponder.queryValue("lang", in: query) == "")
        #expect(ResolverResponder.queryValue("ss", in: query) == "no")
        #expect(ResolverResponder.queryValue("link", in: query) == nil)
        #expect(ResolverResponder.queryValue("s", in: nil) == nil)
        #expect(ResolverResponder.queryValue("s", in: "") == nil)
        #expect(ResolverResponder.queryValue("s", in: "&&s=1") == "1")
    }
}
