using Microsoft.Playwright;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// The README's pictures come from these tests: with NIGEHBAN_SCREENSHOTS set to a folder
/// (scripts/screenshots.sh sets docs/images), a test saves what it has just asserted.
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
