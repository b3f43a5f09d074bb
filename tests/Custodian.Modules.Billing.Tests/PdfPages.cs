using System.Diagnostics;
using System.Globalization;

namespace Custodian.Modules.Billing.Tests;

/// <summary>A PDF page as an image, by poppler's <c>pdftoppm</c> (installed by scripts/test-servers.sh), in greyscale PGM.</summary>
internal static class PdfPages
{
    public static async Task<string> RenderFirstPageAsync(string pdf, string prefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
        foreach (var argument in new[] { "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, prefix })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start (apt-get install poppler-utils).");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"pdftoppm exited with {process.ExitCode}: {error}");
        return prefix + ".pgm";
    }

    /// <summary>The share of pixels darker than mid-grey in a binary PGM (P5, 8-bit).</summary>
    public static double DarkPixelShare(string pgm)
    {
        var bytes = File.ReadAllBytes(pgm);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            var begin = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(bytes, begin, position - begin);
        }

        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        var pixels = bytes.AsSpan(position + 1, width * height);
        var dark = 0;
        foreach (var pixel in pixels)
        {
            dark += pixel < 128 ? 1 : 0;
        }

        return (double)dark / pixels.Length;
    }
}
