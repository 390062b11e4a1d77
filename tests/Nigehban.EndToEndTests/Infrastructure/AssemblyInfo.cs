using Nigehban.EndToEndTests.Infrastructure;

// One app and one browser for the whole assembly: each test opens its own browser context
// (its own cookies), so tests stay independent while paying for start-up once.
[assembly: AssemblyFixture(typeof(BrowserApp))]

// Every page any test opens is checked with axe-core (issue 20); a violation fails the test.
[assembly: AuditAccessibility]
