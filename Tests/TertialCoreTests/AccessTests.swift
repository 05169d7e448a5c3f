import Testing
@testable import TertialCore

@Suite struct AccessTests {
    // The Mark tree: KF → Socialnämnden → (later) a unit below it.
    let nämnd = ["mark-sn", "mark-kf"]
    let enhet = ["mark-sn-familj", "mark-sn", "mark-kf"]

    func person(_ roles: [String: UnitRole], admin: Bool = false, auditor: Bool = false) -> Principal {
        Principal(accountID: "1", username: "u", isAdministrator: admin, isAuditor: auditor, roles: roles)
    }

    @Test func anonymousReadsOnlyAdoptedPublicPlans() {
        #expect(AccessPolicy.allows(nil, .readPlan(chain: nämnd, isPublic: true, isAdopted: true)))
        #expect(!AccessPolicy.allows(nil, .readPlan(chain: nämnd, isPublic: true, isAdopted: false)))
        #expect(!AccessPolicy.allows(nil, .readPlan(chain: nämnd, isPublic: false, isAdopted: true)))
        #expect(!AccessPolicy.allows(nil, .reportValues(chain: nämnd)))
        #expect(!AccessPolicy.allows(nil, .signedIn))
    }

    @Test func rolesAreInheritedDownTheTree() {
        let reporter = person(["mark-sn": .reporter])
        #expect(AccessPolicy.allows(reporter, .reportValues(chain: nämnd)))
        #expect(AccessPolicy.allows(reporter, .reportValues(chain: enhet)))
        #expect(!AccessPolicy.allows(reporter, .reportValues(chain: ["mark-kf"])))
        #expect(!AccessPolicy.allows(reporter, .editPlan(chain: enhet)))
        #expect(AccessPolicy.allows(reporter, .readPlan(chain: enhet, isPublic: false, isAdopted: false)))
        #expect(!AccessPolicy.allows(reporter, .readPlan(chain: ["lkpg-son", "lkpg-kf"], isPublic: false, isAdopted: false)))
    }

    @Test(arguments: [
        (UnitRole.planner, true, true, true), (.reporter, true, true, false), (.reader, true, false, false),
    ])
    func eachRoleOnItsUnit(_ role: UnitRole, _ read: Bool, _ report: Bool, _ edit: Bool) {
        let p = person(["mark-sn": role])
        #expect(AccessPolicy.allows(p, .readPlan(chain: nämnd, isPublic: false, isAdopted: false)) == read)
        #expect(AccessPolicy.allows(p, .reportValues(chain: nämnd)) == report)
        #expect(AccessPolicy.allows(p, .editPlan(chain: nämnd)) == edit)
        #expect(!AccessPolicy.allows(p, .administer))
        #expect(!AccessPolicy.allows(p, .audit))
    }

    @Test func theStrongestRoleOnTheChainCounts() {
        let p = person(["mark-kf": .reader, "mark-sn-familj": .planner])
        #expect(AccessPolicy.allows(p, .editPlan(chain: enhet)))
        #expect(!AccessPolicy.allows(p, .editPlan(chain: nämnd)))
    }

    @Test func administratorsAndAuditors() {
        let admin = person([:], admin: true)
        let auditor = person([:], auditor: true)
        #expect(AccessPolicy.allows(admin, .editPlan(chain: nämnd)) && AccessPolicy.allows(admin, .administer))
        #expect(AccessPolicy.allows(auditor, .audit))
        #expect(AccessPolicy.allows(auditor, .readPlan(chain: nämnd, isPublic: false, isAdopted: false)))
        #expect(!AccessPolicy.allows(auditor, .reportValues(chain: nämnd)))
        #expect(!AccessPolicy.allows(auditor, .administer))
    }
}
