using System.Globalization;
using Nigehban.Web.Features.Identity;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class DemoLoginsTableTests
{
    [Fact]
    public void Columns_LineUp_WithLongNames_AndNamesInAnotherScript()
    {
        DemoAccount[] accounts =
        [
            new("frontdesk", "p4ssw0rd-one", "FrontDesk", "LHR-PS01", "SECRETONE"),
            new("a-rather-long-user-name", "p2", "InvestigatingOfficer", "LHR", "SECRETTWO"),
            // Urdu letters with vowel marks: more UTF-16 units than letters a reader sees.
            new("حَسَن", "p3", "Sho", "لاہورِ", "SECRETTHREE"),
        ];

        var lines = PrintDemoLogins.Table(accounts);

        lines.Count.ShouldBe(4);
        lines.Select(CellStarts).Distinct(StringComparer.Ordinal).ShouldHaveSingleItem(string.Join('\n', lines));
    }

    /// <summary>Where each cell starts, counted in the characters a reader sees (cells hold no spaces, except the header's last).</summary>
    private static string CellStarts(string line)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            elements.Add((string)enumerator.Current);
        }

        var starts = new List<int>();
        for (var i = 0; i < elements.Count && starts.Count < 5; i++)
        {
            if (elements[i] != " " && (i == 0 || elements[i - 1] == " "))
            {
                starts.Add(i);
            }
        }

        return string.Join(',', starts);
    }
}
