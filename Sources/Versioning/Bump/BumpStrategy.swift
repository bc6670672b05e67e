/// Which tool's rules decide the release level; they agree on most histories and differ as tabulated here.
///
/// | History since the last tag                 | `standardVersion`  | `semanticRelease` | `commitizen`      |
/// |---------------------------------------------|--------------------|-------------------|-------------------|
/// | no commits, or only `chore`/`docs`/`ci`…    | patch              | no release        | no release        |
/// | only `refactor`                             | patch              | no release        | patch             |
/// | `perf`                                      | patch              | patch             | patch             |
/// | only `Revert "…"` (git's message)           | patch              | patch             | no release        |
/// | `feature:` (long spelling)                  | minor              | no release        | minor (`^feat`)   |
/// | breaking change in 0.x (from 0.3.1)         | minor (0.4.0)      | major (1.0.0)     | major (1.0.0)     |
/// | `feat` in 0.x (from 0.3.1)                  | patch (0.3.2)      | minor (0.4.0)     | minor (0.4.0)     |
/// | a `fix: …` line in another commit's body    | ignored            | ignored           | patch             |
///
/// Sources: standard-version 9.5 uses conventional-recommended-bump 6 with the conventionalcommits preset 4.6
/// (`whatBump`: notes → major, `feat`/`feature` → minor, otherwise patch; `preMajor` below 1.0.0 lowers each level
/// by one). semantic-release's commit-analyzer default rules: breaking → major, `feat` → minor, `fix`/`perf`/revert
/// → patch, anything else → no release; it has no 0.x rule (its docs recommend pre-releases instead of 0.x), so a
/// breaking change in 0.x releases 1.0.0. Modelled with the conventionalcommits preset, so `!` counts as breaking.
/// commitizen's `cz_conventional_commits` bump map: `!` or `BREAKING CHANGE` → major, `^feat` → minor,
/// `^fix`/`^refactor`/`^perf` → patch, matched on every line of the message; with the default
/// `major_version_zero = false` a breaking change in 0.x releases 1.0.0. All three compare types case-sensitively
/// as written (`Feat:` is not a feature) and find `BREAKING CHANGE` notes anywhere in the body, as their parsers do.
public enum BumpStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// standard-version 9 (and commit-and-tag-version): always at least a patch.
    case standardVersion = "standard-version"
    /// semantic-release with the conventionalcommits preset: no release without feat/fix/perf/revert/breaking.
    case semanticRelease = "semantic-release"
    /// commitizen's `cz bump` with `cz_conventional_commits`.
    case commitizen
}
