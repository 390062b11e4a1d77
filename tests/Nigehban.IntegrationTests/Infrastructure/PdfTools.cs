using System.Diagnostics;

namespace Nigehban.IntegrationTests.Infrastructure;

/// <summary>
/// Reads a PDF the way people and other programs do: poppler's pdftotext extracts the text a reader would
/// copy, and pdftoppm + zbarimg decode the QR code as a phone sees the printed page (installed by scripts/test.sh).
/// </summary>
public static class PdfTools
{
    public static Task<string> TextAsync(byte[] pdf) => WithFileAsync(pdf, async (folder, path) =>
        await RunAsync("pdftotext", "-enc", "UTF-8", path, "-"));

    public static Task<string> QrAsync(byte[] pdf) => WithFileAsync(pdf, async (folder, path) =>
    {
        await RunAsync("pdftoppm", "-png", "-r", "150", "-singlefile", path, Path.Combine(folder, "page"));
        return (await RunAsync("zbarimg", "--raw", "-q", Path.Combine(folder, "page.png"))).Trim();
    });

    private static async Task<string> WithFileAsync(byte[] pdf, Func<string, string, Task<string>> read)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nigehban-pdf", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            return await read(folder, path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await error}");
    }
}
