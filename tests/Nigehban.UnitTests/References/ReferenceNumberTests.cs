using Nigehban.Web.Platform.References;
using Shouldly;

namespace Nigehban.UnitTests.References;

public sealed class ReferenceNumberTests
{
    [Fact]
    public void ToString_WritesKindDistrictYearSequenceAndCheck()
    {
        new ReferenceNumber("PKM", "LHR", 26, 4213).ToString().ShouldBe("PKM-LHR-26-004213-8");
    }

    [Fact]
    public void ToString_WidensTheSequence_PastSixDigits()
    {
        new ReferenceNumber("CMP", "BUG", 27, 1_234_567).ToString().ShouldBe("CMP-BUG-27-1234567-Q");
    }

    [Theory]
    [InlineData("PKM-LHR-26-004213-8")]
    [InlineData("pkm-lhr-26-004213-8")]
    [InlineData("  PKM-LHR-26-004213-8 ")]
    [InlineData("PKM LHR 26 004213 8")]
    [InlineData("pkm - lhr - 26 - 004213 - 8")]
    [InlineData("PKM-LHR-26-004213\t8")]
    public void TryParse_NormalisesCaseAndWhitespace(string typed)
    {
        ReferenceNumber.TryParse(typed, out var reference).ShouldBeTrue();
        reference.ShouldBe(new ReferenceNumber("PKM", "LHR", 26, 4213));
        reference.ToString().ShouldBe("PKM-LHR-26-004213-8");
    }

    [Fact]
    public void TryParse_RejectsEveryWrongCheckCharacter()
    {
        foreach (var c in CheckCharacter.Alphabet.Where(c => c != '8'))
        {
            ReferenceNumber.TryParse($"PKM-LHR-26-004213-{c}", out _).ShouldBeFalse($"check {c}");
        }
    }

    [Fact]
    public void TryParse_RejectsEverySingleTypoAndAdjacentSwap_OfAReference()
    {
        var valid = new ReferenceNumber("PKM", "LHR", 26, 683245).ToString();
        for (var i = 0; i < valid.Length; i++)
        {
            if (valid[i] == '-')
            {
                continue;
            }

            foreach (var c in CheckCharacter.Alphabet.Where(c => c != valid[i]))
            {
                var typo = valid[..i] + c + valid[(i + 1)..];
                ReferenceNumber.TryParse(typo, out _).ShouldBeFalse(typo);
            }

            var next = valid.IndexOfAny(CheckCharacter.Alphabet.ToCharArray(), i + 1);
            if (next > 0 && valid[next] != valid[i])
            {
                var chars = valid.ToCharArray();
                (chars[i], chars[next]) = (chars[next], chars[i]);
                ReferenceNumber.TryParse(new string(chars), out _).ShouldBeFalse(new string(chars));
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("PKM-LHR-26-004213")]
    [InlineData("PKM-LHR-26-004213-8-1")]
    [InlineData("PKM-LHR-26-4213-8")]
    [InlineData("PKM-LHR-26-0004213-8")]
    [InlineData("PKM-LHR-2026-004213-8")]
    [InlineData("PKM-LHR-6-004213-8")]
    [InlineData("P-LHR-26-004213-8")]
    [InlineData("PK1-LHR-26-004213-8")]
    [InlineData("PKM-L-26-004213-8")]
    [InlineData("PKM-LHR-26-00421A-8")]
    [InlineData("PKM-LHR-26-000000-0")]
    [InlineData("PKM-LHR-26-004213-88")]
    [InlineData("PKM_LHR_26_004213_8")]
    [InlineData("PKM-LHR-26-٠٠٤٢١٣-8")]
    public void TryParse_RejectsMalformedText(string? typed)
    {
        ReferenceNumber.TryParse(typed, out var reference).ShouldBeFalse();
        reference.ShouldBeNull();
    }

    [Fact]
    public void Parse_Throws_WhenInvalid()
    {
        Should.Throw<FormatException>(() => ReferenceNumber.Parse("PKM-LHR-26-004213-9"));
    }

    [Theory]
    [InlineData("pk", "LHR", 26, 1)]
    [InlineData("PKMXYZ", "LHR", 26, 1)]
    [InlineData("PKM", "L", 26, 1)]
    [InlineData("PKM", "LHR-1", 26, 1)]
    [InlineData("PKM", "LHR", 100, 1)]
    [InlineData("PKM", "LHR", 26, 0)]
    public void Constructor_RejectsPartsThatCannotBeWritten(string kind, string district, int year, long sequence)
    {
        Should.Throw<ArgumentException>(() => new ReferenceNumber(kind, district, year, sequence));
    }
}

public sealed class ReferenceNumberConversionTests
{
    [Fact]
    public void Json_WritesAndReadsTheCanonicalText()
    {
        var reference = new ReferenceNumber("PKM", "LHR", 26, 4213);

        System.Text.Json.JsonSerializer.Serialize(reference).ShouldBe("\"PKM-LHR-26-004213-8\"");
        System.Text.Json.JsonSerializer.Deserialize<ReferenceNumber>("\" pkm-lhr-26-004213-8 \"").ShouldBe(reference);
        Should.Throw<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<ReferenceNumber>("\"PKM-LHR-26-004213-9\""));
    }

    [Fact]
    public void ValueConverter_StoresTheCanonicalText_WithinTheColumnLength()
    {
        var converter = new ReferenceNumberValueConverter();
        var longest = new ReferenceNumber("ABCDE", "ABCDEFGH", 99, 9_999_999_999);

        var stored = (string)converter.ConvertToProvider(longest)!;

        stored.Length.ShouldBeLessThanOrEqualTo(ReferenceNumberValueConverter.MaxLength);
        converter.ConvertFromProvider(stored).ShouldBe(longest);
    }
}
