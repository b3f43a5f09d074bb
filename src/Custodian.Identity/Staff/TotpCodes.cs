using System.Globalization;
using OtpNet;
using QRCoder;

namespace Custodian.Identity.Staff;

/// <summary>What a typed code turned out to be.</summary>
internal enum CodeCheck
{
    Wrong,

    /// <summary>Right, but for a step that was used already: say so, and do not count it as a guess.</summary>
    Replayed,

    Accepted,
}

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

    /// <summary>Checks a typed code (spaces and dashes ignored); <paramref name="step"/> is the step it matched, when it did.</summary>
    public static CodeCheck Check(byte[] secret, string? code, DateTimeOffset now, long? lastStep, out long step)
    {
        step = 0;
        var digits = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit) || !new Totp(secret).VerifyTotp(now.UtcDateTime, digits, out step, new VerificationWindow(previous: 1, future: 1)))
        {
            return CodeCheck.Wrong;
        }

        return step > (lastStep ?? long.MinValue) ? CodeCheck.Accepted : CodeCheck.Replayed;
    }

    /// <summary>The code an authenticator app shows at a moment for the key typed into it (what tests type).</summary>
    public static string CodeAt(string base32Secret, DateTimeOffset moment) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(moment.UtcDateTime);

    /// <summary>The time step of a moment (30 seconds each since the Unix epoch).</summary>
    public static long StepAt(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / 30;
}
