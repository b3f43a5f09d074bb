namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Russian bank details: the BIC (9 digits) and a 20-digit account whose 9th digit is the control key (Bank of Russia
/// rules, Положение 579-П): Σ digit·weight over 23 digits with weights 7 1 3 repeated must end in 0. The 23 digits are
/// the BIC's last three and the account for an account at a bank, "0" and the BIC's 5th and 6th digits and the bank's
/// correspondent account for the correspondent account at the Bank of Russia.
/// </summary>
public static class RuBankAccount
{
    /// <summary><c>BIC:ACCOUNT</c>, e.g. <c>044525225:40702810…</c> (the form of <c>custodian id validate --type ru-account</c>).</summary>
    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Trim().Split(':');
        if (parts.Length != 2)
        {
            return IdentifierCheck.Invalid("must be the BIC and the account separated by a colon (BIC:ACCOUNT)");
        }

        var check = CheckSettlement(parts[0], parts[1]);
        return check.IsValid ? IdentifierCheck.Valid($"{parts[0].Trim()}:{check.Normalised}") : check;
    }

    public static IdentifierCheck CheckBic(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bic = value.Trim();
        if (!Identifier.AllDigits(bic) || bic.Length != 9)
        {
            return IdentifierCheck.Invalid($"BIC must be 9 digits, got {Inn.Describe(bic)}");
        }

        return bic.StartsWith('0') ? IdentifierCheck.Valid(bic) : IdentifierCheck.Invalid("a Russian BIC starts with 0");
    }

    /// <summary>A settlement (or other client) account at the bank with this BIC.</summary>
    public static IdentifierCheck CheckSettlement(string bic, string account)
    {
        ArgumentNullException.ThrowIfNull(bic);
        return CheckBic(bic) is { IsValid: false } wrongBic ? wrongBic : CheckKey(bic.Trim()[6..], account, "account");
    }

    /// <summary>The bank's correspondent account (30101…) at the Bank of Russia.</summary>
    public static IdentifierCheck CheckCorrespondent(string bic, string account)
    {
        ArgumentNullException.ThrowIfNull(bic);
        if (CheckBic(bic) is { IsValid: false } wrongBic)
        {
            return wrongBic;
        }

        var code = bic.Trim();
        return CheckKey("0" + code[4..6], account, "correspondent account");
    }

    /// <summary>The control key (9th digit) a 20-digit settlement account at the bank with this 9-digit BIC must have.</summary>
    public static int SettlementKey(string bic, string account)
    {
        ArgumentNullException.ThrowIfNull(bic);
        ArgumentNullException.ThrowIfNull(account);
        return ExpectedKey(bic[6..], account);
    }

    private static int ExpectedKey(string prefix, string account)
    {
        var digits = prefix + account[..8] + "0" + account[9..];
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * (i % 3) switch { 0 => 7, 1 => 1, _ => 3 };
        }

        // The key's weight is 3 and 3·7 ≡ 1 (mod 10), so key = 3·(sum mod 10) mod 10 makes the whole sum end in 0.
        return sum % 10 * 3 % 10;
    }

    private static IdentifierCheck CheckKey(string prefix, string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        var account = value.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!Identifier.AllDigits(account) || account.Length != 20)
        {
            return IdentifierCheck.Invalid($"{what} must be 20 digits, got {Inn.Describe(account)}");
        }

        var expected = ExpectedKey(prefix, account);
        return Identifier.Digit(account, 8) == expected
            ? IdentifierCheck.Valid(account)
            : IdentifierCheck.Invalid($"{what} does not match the BIC: control key (9th digit) should be {expected}, not {account[8]}");
    }
}
