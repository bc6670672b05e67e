import SupplyChain
import Testing

@Suite struct PackageURLTests {
    @Test("purls follow the type rules and percent-encoding of the purl spec")
    func canonicalForms() {
        #expect(
            PackageURL(ecosystem: .npm, name: "@babel/core", version: "7.0.0").description
                == "pkg:npm/%40babel/core@7.0.0"
        )
        #expect(
            PackageURL(ecosystem: .pypi, name: "Django_Rest.Framework", version: "3.14.0").description
                == "pkg:pypi/django-rest-framework@3.14.0"
        )
        #expect(
            PackageURL(ecosystem: .go, name: "github.com/pkg/errors", version: "v0.9.1").description
                == "pkg:golang/github.com/pkg/errors@v0.9.1"
        )
        #expect(
            PackageURL(ecosystem: .maven, name: "org.apache.commons:commons-lang3", version: "3.12.0").description
                == "pkg:maven/org.apache.commons/commons-lang3@3.12.0"
        )
        #expect(
            PackageURL(ecosystem: .packagist, name: "Symfony/Console", version: "v6.0.0").description
                == "pkg:composer/symfony/console@v6.0.0"
        )
        #expect(
            PackageURL(type: "swift", namespace: "github.com/apple", name: "swift-nio", version: "2.0.0").description
                == "pkg:swift/github.com/apple/swift-nio@2.0.0"
        )
        #expect(
            PackageURL(type: "npm", name: "a b", version: "1.0.0+build", qualifiers: ["z": "1", "a": "x/y"]).description
                == "pkg:npm/a%20b@1.0.0%2Bbuild?a=x%2Fy&z=1"
        )
    }
}
