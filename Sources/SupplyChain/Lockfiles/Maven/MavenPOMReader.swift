import SlipwayCore

/// Reads the declared dependencies of a Maven `pom.xml`, with `${property}` placeholders resolved.
///
/// A POM is not a lockfile: it lists what the project declares, not the resolved tree. Every
/// `<project><dependencies><dependency>` is one direct component; its version comes from the element or, when
/// absent, from the same `groupId:artifactId` (and classifier/type) under `<dependencyManagement>`. Placeholders
/// resolve from `<properties>` and from `${project.version}`, `${project.groupId}`, `${project.artifactId}`,
/// `${project.parent.version}` (falling back to the `<parent>` for group and version). A dependency whose version
/// cannot be resolved here (it comes from a parent POM or an imported BOM, which this reader does not fetch) is
/// skipped and reported in `MavenPOMReader.Result.unresolved`. Scope `test` is development, `provided`, `system`
/// and `<optional>true</optional>` are optional, `compile`/`runtime`/none are runtime. A `<classifier>` or a
/// non-`jar` `<type>` becomes a purl qualifier. Profiles' dependencies are not read.
public struct MavenPOMReader: LockfileReader {
    /// The components of a POM and the dependencies that had to be skipped.
    public struct Result: Sendable, Equatable {
        /// The declared dependencies with a resolved version, sorted by purl.
        public var components: [Component]
        /// `groupId:artifactId` of each declared dependency skipped because its version is not resolvable here.
        public var unresolved: [String]
    }

    /// Creates the reader.
    public init() {}

    public var format: String { "pom.xml" }

    public func handles(path: String) -> Bool {
        path == "pom.xml" || path.hasSuffix("/pom.xml")
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        try readDeclared(text, path: path).components
    }

    /// The components and the skipped dependencies of `text`.
    public func readDeclared(_ text: String, path: String) throws(LockfileError) -> Result {
        let root = try XMLTree.parse(text, path: path)
        guard root.name == "project" else {
            throw .unexpectedShape(
                path: path,
                position: root.position,
                reason: "the root element is <\(root.name)>, expected <project>"
            )
        }
        let properties = Self.properties(of: root)
        let managed = Self.dependencyElements(root.child("dependencyManagement")?.child("dependencies"))
        var managedVersions: [String: String] = [:]
        for element in managed {
            let key = Self.key(element, properties: properties)
            if let version = element.child("version")?.text { managedVersions[key] = version }
        }
        var components: [Component] = []
        var unresolved: [String] = []
        for element in Self.dependencyElements(root.child("dependencies")) {
            let group = Self.resolve(element.child("groupId")?.text ?? "", properties)
            let artifact = Self.resolve(element.child("artifactId")?.text ?? "", properties)
            guard !group.isEmpty, !artifact.isEmpty, !group.contains("${"), !artifact.contains("${") else {
                unresolved.append("\(group):\(artifact)")
                continue
            }
            let key = Self.key(element, properties: properties)
            let written = element.child("version")?.text ?? managedVersions[key]
            guard let written, case let version = Self.resolve(written, properties), !version.isEmpty,
                !version.contains("${")
            else {
                unresolved.append("\(group):\(artifact)")
                continue
            }
            var qualifiers: [String: String] = [:]
            if let classifier = element.child("classifier")?.text, !classifier.isEmpty {
                qualifiers["classifier"] = Self.resolve(classifier, properties)
            }
            if let type = element.child("type")?.text, !type.isEmpty, type != "jar" {
                qualifiers["type"] = Self.resolve(type, properties)
            }
            let purl = PackageURL(
                type: "maven",
                namespace: group,
                name: artifact,
                version: version,
                qualifiers: qualifiers
            )
            components.append(
                Component(
                    ecosystem: .maven,
                    name: "\(group):\(artifact)",
                    version: version,
                    purl: purl.description,
                    scope: Self.scope(element, properties: properties),
                    isDirect: true,
                    location: SourceLocation(path: path, position: element.position)
                )
            )
        }
        return Result(components: components.sorted { $0.purl < $1.purl }, unresolved: unresolved.sorted())
    }

    private static func dependencyElements(_ list: XMLTree.Element?) -> [XMLTree.Element] {
        list?.children.filter { $0.name == "dependency" } ?? []
    }

    /// `groupId:artifactId:classifier:type`, the identity dependency management matches on.
    private static func key(_ element: XMLTree.Element, properties: [String: String]) -> String {
        let parts = ["groupId", "artifactId", "classifier", "type"].map { name in
            resolve(element.child(name)?.text ?? (name == "type" ? "jar" : ""), properties)
        }
        return parts.joined(separator: ":")
    }

    private static func scope(_ element: XMLTree.Element, properties: [String: String]) -> DependencyScope {
        if resolve(element.child("optional")?.text ?? "", properties) == "true" { return .optional }
        switch resolve(element.child("scope")?.text ?? "", properties) {
        case "test": return .development
        case "provided", "system": return .optional
        default: return .runtime
        }
    }

    /// `<properties>` plus the `project.*` built-ins.
    private static func properties(of project: XMLTree.Element) -> [String: String] {
        var properties: [String: String] = [:]
        for element in project.child("properties")?.children ?? [] { properties[element.name] = element.text ?? "" }
        let parent = project.child("parent")
        let version = project.child("version")?.text ?? parent?.child("version")?.text
        let group = project.child("groupId")?.text ?? parent?.child("groupId")?.text
        for (name, value) in [
            ("version", version), ("groupId", group), ("artifactId", project.child("artifactId")?.text),
            ("parent.version", parent?.child("version")?.text), ("parent.groupId", parent?.child("groupId")?.text),
        ] {
            guard let value else { continue }
            properties["project." + name] = value
            properties["pom." + name] = value
        }
        return properties
    }

    /// Replaces `${name}` placeholders, recursively (bounded, so cycles stay unresolved instead of looping).
    static func resolve(_ text: String, _ properties: [String: String]) -> String {
        var result = text.trimmingWhitespace()
        for _ in 0..<16 {
            guard result.contains("${") else { break }
            var changed = false
            var output = ""
            var rest = result[...]
            while let start = rest.firstRange(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                output += rest[..<start.lowerBound]
                let name = String(rest[start.upperBound..<end])
                if let value = properties[name] {
                    output += value
                    changed = true
                } else {
                    output += rest[start.lowerBound...end]
                }
                rest = rest[rest.index(after: end)...]
            }
            output += rest
            result = output
            if !changed { break }
        }
        return result
    }
}
