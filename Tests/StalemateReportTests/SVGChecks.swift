import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Helpers that take a rendered report apart and validate its pieces.
enum SVGChecks {
    /// Every `<svg …>…</svg>` element of `html`, in order (charts never nest SVGs).
    static func svgElements(in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// Parses `svg` as XML and checks what every chart must have: an `svg` root in the SVG
    /// namespace with `role="img"`, a `viewBox`, the `stalemate-chart` class, a `data-chart`
    /// kind and a non-empty `<title>` as its first child. Records an issue for each failure.
    static func validate(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let document = try XMLDocument(xmlString: svg, options: [])
            guard let root = document.rootElement() else {
                Issue.record("no root element", sourceLocation: sourceLocation)
                return
            }
            #expect(root.localName == "svg", sourceLocation: sourceLocation)
            #expect(root.uri == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
            func attribute(_ name: String) -> String {
                // swift-corelibs-foundation's attribute(forName:) misses attributes of an element
                // in a default namespace, so look them up by hand.
                let node = (root.attributes ?? []).first { $0.name == name || $0.localName == name }
                return node.flatMap { $0.stringValue } ?? ""
            }
            #expect(attribute("role") == "img", sourceLocation: sourceLocation)
            #expect(attribute("class") == "stalemate-chart", sourceLocation: sourceLocation)
            #expect(!attribute("data-chart").isEmpty, sourceLocation: sourceLocation)
            let viewBox = attribute("viewBox")
            let sizes = viewBox.split(separator: " ").compactMap { Double($0) }
            #expect(
                sizes.count == 4 && sizes[2] > 0 && sizes[3] > 0, "viewBox \(viewBox)", sourceLocation: sourceLocation)
            let first = root.children?.first as? XMLElement
            #expect(first?.localName == "title", sourceLocation: sourceLocation)
            let titleText = first.flatMap { $0.stringValue } ?? ""
            #expect(!titleText.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("SVG is not well-formed XML: \(error)\n\(svg.prefix(400))", sourceLocation: sourceLocation)
        }
    }

    /// Every `http://` or `https://` occurrence in `html` other than the SVG namespace.
    static func externalReferences(in html: String) -> [String] {
        let allowed = "http://www.w3.org/2000/svg"
        var found: [String] = []
        for scheme in ["http://", "https://"] {
            var rest = html[...]
            while let range = rest.range(of: scheme) {
                let tail = html[range.lowerBound...].prefix(60)
                if !tail.hasPrefix(allowed) { found.append(String(tail)) }
                rest = rest[range.upperBound...]
            }
        }
        return found
    }

    /// The value of attribute `name` on the `<body>` tag of `html`, if present.
    static func bodyAttribute(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<body"),
            let end = html.range(of: ">", range: start.upperBound..<html.endIndex)
        else { return nil }
        let tag = html[start.upperBound..<end.lowerBound]
        guard let attribute = tag.range(of: " \(name)=\"") else { return nil }
        let valueStart = attribute.upperBound
        guard let close = tag.range(of: "\"", range: valueStart..<tag.endIndex) else { return nil }
        return String(tag[valueStart..<close.lowerBound])
    }

    /// How many times `needle` occurs in `haystack`.
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}
