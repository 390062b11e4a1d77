using Nigehban.IntegrationTests.Infrastructure;

// One app per provider for the whole assembly: starting the host, migrating and seeding takes
// seconds. Tests that need a differently configured app start their own.
[assembly: AssemblyFixture(typeof(SqliteApp))]
[assembly: AssemblyFixture(typeof(PostgresApp))]
