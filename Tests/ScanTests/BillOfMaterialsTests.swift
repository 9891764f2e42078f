import Foundation
import Testing

@testable import Scan

/// CycloneDX (with vulnerabilities) and SPDX documents of one inventory.
struct BillOfMaterialsTests {
    static let inventory = Inventory(
        packages: [
            InstalledPackage(
                ecosystem: .debian, name: "libssl3", version: "3.0.11-1~deb12u2", sourceName: "openssl",
                sourceVersion: "3.0.11-1~deb12u2", location: "var/lib/dpkg/status"),
            InstalledPackage(
                ecosystem: .pypi, name: "requests", version: "2.25.0",
                location: "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA"),
            InstalledPackage(
                ecosystem: .pypi, name: "requests", version: "2.25.0",
                location: "opt/venv/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA"),
        ], osID: "debian", osVersion: "12")

    @Test func spdxDescribesTheImageThatContainsEveryPackage() throws {
        let document = SPDXDocument(
            image: "app:1", inventory: Self.inventory, toolVersion: "1.0", now: Date(timeIntervalSince1970: 0))
        #expect(document.spdxVersion == "SPDX-2.3" && document.dataLicense == "CC0-1.0")
        #expect(document.creationInfo.created == "1970-01-01T00:00:00Z")
        #expect(document.documentNamespace.hasPrefix("https://containergym.dev/spdx/app-1-"))
        #expect(document.packages.map(\.name) == ["app:1", "libssl3", "requests"], "one package per purl")
        #expect(
            document.packages.compactMap { $0.externalRefs?.first?.referenceLocator } == [
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12", "pkg:pypi/requests@2.25.0",
            ])
        #expect(document.packages[1].sourceInfo == "acquired from var/lib/dpkg/status, source package openssl")
        #expect(document.relationships.map(\.relationshipType) == ["DESCRIBES", "CONTAINS", "CONTAINS"])
        #expect(
            Set(document.relationships.dropFirst().map(\.relatedSpdxElement))
                == Set(document.packages.dropFirst().map(\.spdxID)))
        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        #expect(json.contains("\"SPDXID\":\"SPDXRef-DOCUMENT\""))
    }

    @Test func cycloneDXCarriesTheVulnerabilitiesAndWhatTheyAffect() throws {
        let finding = Finding(
            id: "GHSA-j8r2-6x86-q33q", aliases: ["CVE-2023-32681"], package: "requests", ecosystem: .pypi,
            installedVersion: "2.25.0", fixedVersion: "2.31.0", severity: .medium, score: 6.1,
            title: "Unintended leak of Proxy-Authorization header in requests",
            location: "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA")
        let bom = CycloneDX(image: "app:1", inventory: Self.inventory, findings: [finding], toolVersion: "1.0")
        let vulnerability = try #require(bom.vulnerabilities?.first)
        #expect(vulnerability.id == "GHSA-j8r2-6x86-q33q")
        #expect(vulnerability.ratings == [.init(severity: "medium", score: 6.1, method: "CVSSv3")])
        #expect(vulnerability.recommendation == "Upgrade requests to 2.31.0")
        #expect(vulnerability.references?.map(\.id) == ["CVE-2023-32681"])
        // what it affects is a component of the same document
        #expect(bom.components.contains { $0.bomRef == vulnerability.affects.first?.ref })
        #expect(CycloneDX(image: "app:1", inventory: Self.inventory, toolVersion: "1.0").vulnerabilities == nil)
    }
}
