using Microsoft.Playwright;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// The README's pictures come from these tests: with NIGEHBAN_SCREENSHOTS set to a folder, a test
/// saves what it has just asserted. Refresh them with
/// <c>NIGEHBAN_SCREENSHOTS=$PWD/docs/images dotnet test --project tests/Nigehban.EndToEndTests</c>.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("NIGEHBAN_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), FullPage = false });
    }
}
