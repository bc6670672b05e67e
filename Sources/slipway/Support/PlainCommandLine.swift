/// Reads a command line written only in plain spellings (`--name value`, `-n value`, `--flag`, and words that are
/// not options), for the commands `main` runs without swift-argument-parser.
///
/// swift-argument-parser discovers a command's options by reflection, and in a binary with 11,500 protocol
/// conformances that costs the first milliseconds of every run, longer than the whole work of a short command.
/// A command that pipelines call on every build can declare here the few spellings its common use needs;
/// anything else makes `read` return nil and the command line goes to swift-argument-parser, so help, errors and
/// every other form (`--name=value`, grouped short flags, `--`) stay exactly its own. Tests compare both readings
/// on random command lines for every command that uses this.
struct PlainCommandLine: Sendable {
    /// One option: its spellings (the first is its key), and whether it takes a value or may repeat.
    struct Option: Sendable {
        var names: [String]
        var takesValue: Bool
        var repeatable: Bool

        /// An option that takes a value (`--format json`).
        static func value(_ names: String..., repeatable: Bool = false) -> Option {
            Option(names: names, takesValue: true, repeatable: repeatable)
        }

        /// A flag (`--first-parent`).
        static func flag(_ names: String...) -> Option {
            Option(names: names, takesValue: false, repeatable: false)
        }
    }

    /// What a plain command line said.
    struct Reading: Sendable, Equatable {
        /// Values by option key, in command-line order (a flag has no entry).
        var values: [String: [String]] = [:]
        /// Flags given, by key.
        var flags: Set<String> = []
        /// Words that are not options or option values, in order.
        var positionals: [String] = []

        /// The single value of the option `key`, if given.
        func value(_ key: String) -> String? { values[key]?.last }

        /// The value of `key` as one of `Value`'s cases (as swift-argument-parser reads an enum option), nil when the
        /// option is absent.
        ///
        /// - Throws: `InvalidValue` when the text names no case: the caller declines the line.
        func value<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(InvalidValue) -> Value? {
            guard let text = value(key) else { return nil }
            guard let value = Value(rawValue: text) else { throw InvalidValue() }
            return value
        }
    }

    /// A value that swift-argument-parser would reject.
    struct InvalidValue: Error {}

    /// The subcommand path that must open the command line (`["version"]`, `["scan", "deps"]`).
    var command: [String]
    var options: [Option]
    /// The most words that are not options this command takes.
    var maximumPositionals: Int

    /// The reading of `arguments` (without the program name), or nil when they do not start with `command` or
    /// anything in them is not a plain spelling of one of `options`: an unknown option, a missing value or one
    /// that starts with `-`, a repeated option that may not repeat, or too many positional words.
    func read(_ arguments: [String]) -> Reading? {
        guard arguments.starts(with: command) else { return nil }
        var keys: [String: Option] = [:]
        for option in options {
            for name in option.names { keys[name] = option }
        }
        var reading = Reading()
        var index = command.count
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                reading.positionals.append(argument)
                guard reading.positionals.count <= maximumPositionals else { return nil }
                continue
            }
            guard let option = keys[argument] else { return nil }
            let key = option.names[0]
            if option.takesValue {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                guard option.repeatable || reading.values[key] == nil else { return nil }
                reading.values[key, default: []].append(arguments[index])
                index += 1
            } else {
                guard reading.flags.insert(key).inserted else { return nil }
            }
        }
        return reading
    }
}
