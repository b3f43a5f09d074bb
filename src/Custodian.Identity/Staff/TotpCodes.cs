using System.Globalization;
using OtpNet;
using QRCoder;

namespace Custodian.Identity.Staff;

/// <summary>
/// RFC 6238 codes (SHA-1, 6 digits, 30 seconds: what every authenticator app reads from a QR code). A code is
/// accepted for the current step or the one before or after (clock drift), and only for a step later than the last
/// one accepted, so no code works twice.
/// </summary>
internal static class TotpCodes
{
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The otpauth URI authenticator apps read (issuer "Custodian", the handle as the account name).</summary>
    public static string Uri(byte[] secret, string handle) =>
        string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/Custodian:{System.Uri.EscapeDataString(handle)}?secret={Base32(secret)}&issuer=Custodian&digits=6&period=30");

    /// <summary>The URI as an SVG QR code (inline markup: no script, no external image).</summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5);
    }

    /// <summary>The time step the code matches (never at or before <paramref name="lastStep"/>), or null.</summary>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long? lastStep)
    {
        var digits = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(secret);
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) && step > (lastStep ?? long.MinValue)
            ? step
            : null;
    }

    /// <summary>Whether the code is right but its step was used already (a replayed code: say so, do not count it as a guess).</summary>
    public static bool IsReplay(byte[] secret, string? code, DateTimeOffset now, long? lastStep)
    {
        var digits = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return lastStep is { } last && digits.Length == 6
            && new Totp(secret).VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) && step <= last;
    }

    /// <summary>The code an authenticator app shows at a moment for the key typed into it (what tests type).</summary>
    public static string CodeAt(string base32Secret, DateTimeOffset moment) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(moment.UtcDateTime);

    /// <summary>The time step of a moment (30 seconds each since the Unix epoch).</summary>
    public static long StepAt(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / 30;
}
