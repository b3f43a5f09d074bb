using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace Custodian.Browser.Tests;

/// <summary>A PDF page rendered to PNG by poppler's <c>pdftoppm</c> (<c>.ci/run</c> installs poppler-utils), and how much of it is ink.</summary>
internal static class PdfPng
{
    /// <summary>Renders page 1 of <paramref name="pdf"/> in greyscale to <c><paramref name="prefix"/>.png</c>.</summary>
    public static async Task<string> RenderFirstPageAsync(string pdf, string prefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
        foreach (var argument in new[] { "-png", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, prefix })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start (apt-get install poppler-utils).");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"pdftoppm exited with {process.ExitCode}: {error}");
        return prefix + ".png";
    }

    /// <summary>The share of pixels darker than mid-grey in an 8-bit, non-interlaced PNG (grey or RGB: pdftoppm writes RGB even with -gray).</summary>
    public static double DarkPixelShare(string png)
    {
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG");
        int width = 0, height = 0, channels = 1;
        using var compressed = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
                Assert.True(data[8] == 8 && channels > 0 && data[12] == 0, "expected 8 bits a channel without a palette or interlacing");
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var row = new byte[stride];
        long dark = 0;
        for (var y = 0; y < height; y++)
        {
            var offset = y * (stride + 1);
            var filter = raw[offset];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                var value = raw[offset + 1 + i];
                row[i] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + left,
                    2 => value + up,
                    3 => value + ((left + up) / 2),
                    4 => value + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var grey = 0;
                for (var c = 0; c < Math.Min(channels, 3); c++)
                {
                    grey += row[(x * channels) + c];
                }

                if (grey / Math.Min(channels, 3) < 128)
                {
                    dark++;
                }
            }

            (previous, row) = (row, previous);
        }

        return (double)dark / ((long)width * height);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
