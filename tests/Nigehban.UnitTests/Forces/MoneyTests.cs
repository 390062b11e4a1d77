using System.Globalization;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(500, "PKR", "en", "PKR 500")]
    [InlineData(12000, "RWF", "en", "RWF 12,000")]
    [InlineData(1250.5, "PKR", "en", "PKR 1,250.50")]
    [InlineData(500, "PKR", "ur", "PKR 500")]
    public void Amount_IsTheCurrencyCodeThenTheAmountForTheCulture(double amount, string currency, string culture, string expected) =>
        Money.Format((decimal)amount, currency, CultureInfo.GetCultureInfo(culture)).ShouldBe(expected);

    [Fact]
    public void Amount_FollowsTheReadersCulture_ButTheCodeStaysFirst()
    {
        var french = Money.Format(1250.5m, "RWF", CultureInfo.GetCultureInfo("fr"));

        french.ShouldStartWith("RWF ");
        french.ShouldEndWith("250,50");
    }

    [Fact]
    public void ADecimalWithTrailingZeros_IsNotWrittenAsADecimal() =>
        Money.Invariant(decimal.Parse("500.0", CultureInfo.InvariantCulture), "PKR").ShouldBe("PKR 500");
}
