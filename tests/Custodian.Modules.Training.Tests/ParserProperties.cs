using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Exams;
using FsCheck.Xunit;

namespace Custodian.Modules.Training.Tests;

/// <summary>The verification-code reader and the exam-paper type check, over generated input.</summary>
public sealed class ParserProperties
{
    [Property(MaxTest = 500)]
    public bool A_new_code_reads_back_as_itself_however_it_is_typed(bool lower, bool noDashes, bool spaced)
    {
        var code = VerificationCodes.New();
        var typed = code;
        typed = lower ? typed.ToLowerInvariant() : typed;
        typed = noDashes ? typed.Replace("-", string.Empty, StringComparison.Ordinal) : typed;
        typed = spaced ? " " + typed.Replace("-", " ", StringComparison.Ordinal) + " " : typed;
        return VerificationCodes.Parse(typed) == code;
    }

    [Property(MaxTest = 1000)]
    public bool Anything_read_as_a_code_is_twelve_symbols_in_three_groups_and_reads_the_same_again(string? typed)
    {
        var parsed = VerificationCodes.Parse(typed);
        return parsed is null || (parsed.Length == 14 && parsed[4] == '-' && parsed[9] == '-' && VerificationCodes.Parse(parsed) == parsed
            && parsed.Replace("-", string.Empty, StringComparison.Ordinal).All(c => "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public void Look_alike_letters_read_as_digits_and_a_wrong_length_or_symbol_is_no_code()
    {
        Assert.Equal("0111-ABCD-EFGH", VerificationCodes.Parse("OIL1-abcd-efgh"));
        Assert.Null(VerificationCodes.Parse("0111-ABCD-EFG"));
        Assert.Null(VerificationCodes.Parse("0111-ABCD-EFGHJ"));
        Assert.Null(VerificationCodes.Parse("0111-ABCD-EFGU"));
        Assert.Null(VerificationCodes.Parse("<script>alert"));
    }

    [Property(MaxTest = 500)]
    public bool Bytes_that_begin_as_a_pdf_png_or_jpeg_are_that_type_whatever_follows(byte[] tail, byte kind)
    {
        var (magic, type) = (kind % 3) switch
        {
            0 => ("%PDF-"u8.ToArray(), "application/pdf"),
            1 => (new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png"),
            _ => (new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg"),
        };
        return ExamPaperTypes.Detect([.. magic, .. tail ?? []]) == type;
    }

    [Property(MaxTest = 500)]
    public bool Bytes_that_begin_otherwise_are_refused(byte[]? content) =>
        content is null || (content.Length > 0 && content[0] is (byte)'%' or 0x89 or 0xFF) || ExamPaperTypes.Detect(content) is null;
}
