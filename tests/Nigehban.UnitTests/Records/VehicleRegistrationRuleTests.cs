using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Records;

/// <summary>
/// Vehicle registration numbers in each pack's form (ADR-067): one number however it is written, and a
/// string that is no number of the force is refused rather than compared.
/// </summary>
public sealed class VehicleRegistrationRuleTests
{
    private static readonly VehicleRegistrationRule Punjab = new RecordsPack(ForcePackLoader.Load(PackFolders.Punjab)).VehicleRegistrations;
    private static readonly VehicleRegistrationRule Rwanda = new RecordsPack(ForcePackLoader.Load(PackFolders.Rwanda)).VehicleRegistrations;

    [Theory]
    [InlineData("LEB-07-1234")]
    [InlineData("leb 07 1234")]
    [InlineData(" LEB0712-34 ")]
    public void Punjab_ComparesOneNumber_HoweverWritten(string written) => Punjab.Normalise(written).ShouldBe("LEB071234");

    [Theory]
    [InlineData("RAB 123 A")]
    [InlineData("rab-123a")]
    [InlineData("RAB123A")]
    public void Rwanda_ComparesOneNumber_HoweverWritten(string written) => Rwanda.Normalise(written).ShouldBe("RAB123A");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("??")]
    [InlineData("1234-LEB")]
    [InlineData("LEB-07-1234-LEB-07-1234-LEB-07-1234")]
    public void Punjab_RefusesWhatIsNoNumber(string? written) => Punjab.Normalise(written).ShouldBeNull();

    [Fact]
    public void Rwanda_RefusesANumberInAnotherForcesShape() => Rwanda.Normalise("LEB-07-1234").ShouldBeNull();

    [Fact]
    public void EachPacksExample_FitsItsOwnRule()
    {
        Punjab.Normalise(Punjab.Example).ShouldNotBeNull();
        Rwanda.Normalise(Rwanda.Example).ShouldNotBeNull();
    }
}
