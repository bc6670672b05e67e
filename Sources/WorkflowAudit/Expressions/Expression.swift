/// A parsed GitHub Actions expression (the text inside `${{ … }}`).
public indirect enum Expression: Sendable, Hashable {
    case null
    case boolean(Bool)
    case number(Double)
    case string(String)
    /// A bare name at the start of a property chain: `github`, `inputs`, `steps`…
    case context(String)
    /// `base.name`
    case property(Expression, String)
    /// `base[index]`
    case index(Expression, Expression)
    /// `base.*`
    case wildcard(Expression)
    /// `name(arguments…)`, name lowercased as GitHub treats function names case-insensitively.
    case call(String, [Expression])
    case not(Expression)
    case binary(BinaryOperator, Expression, Expression)

    /// Comparison and logical operators.
    public enum BinaryOperator: String, Sendable, Hashable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case and = "&&"
        case or = "||"
    }

    /// The dotted path of a property chain (`github.event.issue.title`; `*` for wildcards and dynamic indexes).
    public var contextPath: String? {
        switch self {
        case .context(let name):
            return name.lowercased()
        case .property(let base, let name):
            return base.contextPath.map { "\($0).\(name.lowercased())" }
        case .index(let base, let index):
            guard let path = base.contextPath else { return nil }
            if case .string(let key) = index { return "\(path).\(key.lowercased())" }
            if case .number(let number) = index { return "\(path).\(Int(number))" }
            return "\(path).*"
        case .wildcard(let base):
            return base.contextPath.map { "\($0).*" }
        default:
            return nil
        }
    }

    /// Every context path the expression reads, anywhere.
    public var referencedPaths: [String] {
        var paths: [String] = []
        collectReferences(into: &paths)
        return paths
    }

    private func collectReferences(into paths: inout [String]) {
        if let path = contextPath {
            paths.append(path)
            if case .index(_, let index) = self { index.collectReferences(into: &paths) }
            return
        }
        switch self {
        case .property(let base, _), .wildcard(let base), .not(let base):
            base.collectReferences(into: &paths)
        case .index(let base, let index):
            base.collectReferences(into: &paths)
            index.collectReferences(into: &paths)
        case .call(_, let arguments):
            for argument in arguments { argument.collectReferences(into: &paths) }
        case .binary(_, let lhs, let rhs):
            lhs.collectReferences(into: &paths)
            rhs.collectReferences(into: &paths)
        default:
            break
        }
    }

    /// The context paths whose *text* can reach the expression's value.
    ///
    /// Comparisons, `!`, `contains`, `startsWith`, `endsWith` and `hashFiles` yield booleans or digests, so their
    /// operands cannot inject text; `&&`/`||` yield one of their operands, and `format`/`join`/`toJSON`/`fromJSON`
    /// pass their arguments through.
    public var valuePaths: [String] {
        if let path = contextPath { return [path] }
        switch self {
        case .binary(let op, let lhs, let rhs):
            switch op {
            case .and, .or: return lhs.valuePaths + rhs.valuePaths
            default: return []
            }
        case .call(let name, let arguments):
            switch name {
            case "contains", "startswith", "endswith", "hashfiles", "success", "failure", "always", "cancelled":
                return []
            default:
                return arguments.flatMap(\.valuePaths)
            }
        case .property(let base, _), .wildcard(let base), .index(let base, _):
            return base.valuePaths
        default:
            return []
        }
    }
}
