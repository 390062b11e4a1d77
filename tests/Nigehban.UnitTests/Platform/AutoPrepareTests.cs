using Nigehban.Web.Platform.Data;
using Npgsql;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

public class AutoPrepareTests
{
    [Fact]
    public void WithAutoPrepare_AddsTheDefaults_WhenTheConnectionStringSaysNothing()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare("Host=db;Database=nigehban;Username=app"));

        result.MaxAutoPrepare.ShouldBe(DatabaseRegistration.DefaultMaxAutoPrepare);
        result.AutoPrepareMinUsages.ShouldBe(DatabaseRegistration.DefaultAutoPrepareMinUsages);
        result.Host.ShouldBe("db");
        result.Database.ShouldBe("nigehban");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, DatabaseRegistration.DefaultAutoPrepareMinUsages)]
    [InlineData("Host=db;maxautoprepare=16;Auto Prepare Min Usages=7", 16, 7)]
    [InlineData("Host=db;AUTO PREPARE MIN USAGES=3", DatabaseRegistration.DefaultMaxAutoPrepare, 3)]
    public void WithAutoPrepare_KeepsWhatTheOperatorSet(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare(connectionString));

        result.MaxAutoPrepare.ShouldBe(maxAutoPrepare);
        result.AutoPrepareMinUsages.ShouldBe(minUsages);
    }

    [Fact]
    public void WithoutJit_TurnsPostgresJitOff_UnlessTheOperatorSetsOptions()
    {
        new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithoutJit("Host=db;Database=nigehban")).Options.ShouldBe("-c jit=off");
        new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithoutJit("Host=db;Options=-c work_mem=64MB")).Options.ShouldBe("-c work_mem=64MB");
    }
}
