using System.Diagnostics;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// Reads the QR code of a PDF the way a phone would see a printed page: poppler's pdftoppm renders
/// the page to PNG and zbar's zbarimg decodes the code (both installed by scripts/test.sh).
/// </summary>
public static class QrFromPdf
{
    public static async Task<string> DecodeAsync(byte[] pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nigehban-qr", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var pdfPath = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            await RunAsync("pdftoppm", "-png", "-r", "150", "-singlefile", pdfPath, Path.Combine(folder, "page"));
            var decoded = await RunAsync("zbarimg", "--raw", "-q", Path.Combine(folder, "page.png"));
            return decoded.Trim();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error}");
    }
}
