using System.Text.Json;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Sla;

public sealed class DeadlineTests
{
    [Theory]
    [InlineData("24h", 24, DeadlineUnit.Hours)]
    [InlineData("1h", 1, DeadlineUnit.Hours)]
    [InlineData("5wd", 5, DeadlineUnit.WorkingDays)]
    [InlineData(" 15 WD ", 15, DeadlineUnit.WorkingDays)]
    [InlineData("72H", 72, DeadlineUnit.Hours)]
    public void TryParse_ReadsHoursAndWorkingDays(string text, int amount, DeadlineUnit unit)
    {
        Deadline.TryParse(text, out var deadline).ShouldBeTrue();
        deadline.ShouldBe(new Deadline(amount, unit));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("wd")]
    [InlineData("0h")]
    [InlineData("0wd")]
    [InlineData("-1h")]
    [InlineData("5d")]
    [InlineData("5")]
    [InlineData("1.5h")]
    [InlineData("367wd")]
    [InlineData("9000h")]
    [InlineData("5wdh")]
    public void TryParse_RejectsAnythingElse(string? text)
    {
        Deadline.TryParse(text, out var deadline).ShouldBeFalse();
        deadline.ShouldBeNull();
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        Deadline.Parse(Deadline.WorkingDays(5).ToString()).ShouldBe(Deadline.WorkingDays(5));
        Deadline.Hours(48).ToString().ShouldBe("48h");
    }

    [Fact]
    public void Json_ReadsAndWritesThePackString()
    {
        var sla = JsonSerializer.Deserialize<ServiceSla>("""{"service":"character-certificate","sla":"7wd"}""")!;

        sla.Sla.ShouldBe(Deadline.WorkingDays(7));
        JsonSerializer.Serialize(sla).ShouldBe("""{"service":"character-certificate","sla":"7wd"}""");
    }

    [Fact]
    public void Json_NamesTheBadValue()
    {
        var error = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ServiceSla>("""{"service":"x","sla":"7 days"}"""));
        error.Message.ShouldContain("7 days");
    }

    private sealed record ServiceSla(
        [property: System.Text.Json.Serialization.JsonPropertyName("service")] string Service,
        [property: System.Text.Json.Serialization.JsonPropertyName("sla")] Deadline Sla);
}
