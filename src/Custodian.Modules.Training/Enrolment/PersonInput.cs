using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>A person's answers on an enrolment (the public form, the API, a row of an employer's group enrolment), as typed.</summary>
internal sealed record PersonInput(string? FirstName, string? LastName, string? Hetu, string? Email, string? Phone, string? CompanyName, string? CompanyBusinessId, string? Position);

/// <summary>The same answers checked and normalised: HETU upper-cased, e-mail lower-cased, phone in E.164, empty optional fields null.</summary>
internal sealed record ValidPerson(string FirstName, string LastName, string Hetu, string Email, string? Phone, string? CompanyName, string? CompanyBusinessId, string? Position);

/// <summary>
/// Checks a person's answers field by field and names every bad field at once (never only the first). Names hold letters,
/// spaces, hyphens, apostrophes and dots only: markup in a name is refused, not stored, so no page, mail, export or card
/// authority file ever has to make it inert. Messages are English text keys that never quote the value.
/// </summary>
internal static class PersonInputCheck
{
    public const int NameMax = 100;
    public const int CompanyMax = 200;
    public const int PositionMax = 100;

    public static ValidPerson? Check(PersonInput input, IDictionary<string, List<string>> errors, bool phoneRequired, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var first = Name(input.FirstName, prefix + "firstName", "Enter the first name.", errors);
        var last = Name(input.LastName, prefix + "lastName", "Enter the last name.", errors);
        var hetu = HetuOf(input.Hetu, prefix + "hetu", errors);
        var email = Identifier(input.Email, prefix + "email", required: true, "Enter the e-mail address.", "The e-mail address is not valid.", Email.Check, errors);
        var phone = Identifier(input.Phone, prefix + "phone", phoneRequired, "Enter the mobile phone number.", "The phone number is not valid: give it as 040 123 4567 or +358 40 123 4567.", p => Phone.Check(p, "+358"), errors);
        var company = Text(input.CompanyName, prefix + "company.name", CompanyMax, "The company name is too long (at most 200 characters).", errors);
        var businessId = Identifier(input.CompanyBusinessId, prefix + "company.businessId", required: false, string.Empty, "The Y-tunnus is not valid: seven digits, a hyphen and the check digit (1234567-8).", YTunnus.Check, errors);
        var position = Text(input.Position, prefix + "company.position", PositionMax, "The position is too long (at most 100 characters).", errors);
        return first is null || last is null || hetu is null || email is null || (phoneRequired && phone is null) || errors.Count > 0
            ? null
            : new ValidPerson(first, last, hetu, email, phone, company, businessId, position);
    }

    /// <summary>The error list as the API's problem details carry it.</summary>
    public static Dictionary<string, string[]> AsProblem(IDictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public static void Add(IDictionary<string, List<string>> errors, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static string? Name(string? value, string field, string missing, IDictionary<string, List<string>> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Add(errors, field, missing);
            return null;
        }

        if (text.Length > NameMax)
        {
            Add(errors, field, "The name is too long (at most 100 characters).");
            return null;
        }

        if (!text.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '’' or '.' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            || !char.IsLetter(text[0]))
        {
            Add(errors, field, "A name may contain letters, spaces, hyphens and apostrophes only.");
            return null;
        }

        return text.Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string? HetuOf(string? value, string field, IDictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, "Enter the henkilötunnus (personal identity code).");
            return null;
        }

        var check = Hetu.Check(value);
        if (check.IsValid)
        {
            return check.Normalised;
        }

        // The validator's reason quotes characters of the code: the person is told which part to check instead.
        var reason = check.Reason ?? string.Empty;
        Add(errors, field, reason switch
        {
            _ when reason.StartsWith("must be 11", StringComparison.Ordinal) => "The henkilötunnus has 11 characters: birth date, century sign, individual number and check character (DDMMYYCNNNX).",
            _ when reason.Contains("century sign", StringComparison.Ordinal) => "The century sign of the henkilötunnus (the 7th character) must be +, -, A–F or U–Y.",
            _ when reason.Contains("birth date", StringComparison.Ordinal) => "The birth date in the henkilötunnus does not exist.",
            _ when reason.Contains("individual number", StringComparison.Ordinal) => "The individual number of the henkilötunnus (characters 8–10) is not valid.",
            _ => "The check character of the henkilötunnus (the last character) does not match: check the code.",
        });
        return null;
    }

    private static string? Identifier(string? value, string field, bool required, string missing, string invalid, Func<string, IdentifierCheck> check, IDictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(errors, field, missing);
            }

            return null;
        }

        if (value.Length > 254)
        {
            Add(errors, field, invalid);
            return null;
        }

        var result = check(value);
        if (!result.IsValid)
        {
            Add(errors, field, invalid);
            return null;
        }

        return result.Normalised;
    }

    private static string? Text(string? value, string field, int max, string tooLong, IDictionary<string, List<string>> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            Add(errors, field, tooLong);
            return null;
        }

        if (text.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            Add(errors, field, "Angle brackets and control characters are not allowed here.");
            return null;
        }

        return text;
    }
}
