using System.Globalization;
using Custodian.Modules.Training.Enrolment;
using FsCheck;
using FsCheck.Xunit;

namespace Custodian.Modules.Training.Tests;

/// <summary>The enrolment form's checks (the form, the API and a group row share them) on any input: an answer, never a crash.</summary>
public sealed class PersonInputProperties
{
    private static readonly string[] Fields = ["firstName", "lastName", "hetu", "email", "phone", "company.name", "company.businessId", "company.position"];

    [Property(MaxTest = 1000)]
    public void Any_answers_give_either_a_clean_person_or_errors_naming_only_the_forms_fields(string? first, string? last, string? hetu, string? email, string? phone, string? company, string? businessId, string? position)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        var person = PersonInputCheck.Check(new PersonInput(first, last, hetu, email, phone, company, businessId, position), errors, phoneRequired: false);

        if (person is null)
        {
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Contains(e.Key, Fields));
            Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
        }
        else
        {
            Assert.Empty(errors);
            foreach (var text in new[] { person.FirstName, person.LastName, person.Hetu, person.Email, person.Phone, person.CompanyName, person.CompanyBusinessId, person.Position }.OfType<string>())
            {
                Assert.DoesNotContain(text, c => char.IsControl(c) || c is '<' or '>');
            }

            Assert.InRange(person.FirstName.Length, 1, PersonInputCheck.NameMax);
            Assert.InRange(person.LastName.Length, 1, PersonInputCheck.NameMax);
        }
    }

    [Property(MaxTest = 500)]
    public void Every_well_formed_henkilotunnus_is_accepted_and_one_wrong_check_character_is_named(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var born = new DateOnly(1900, 1, 1).AddDays(random.Next(0, 45_000));
        var individual = random.Next(2, 900);
        var digits = born.ToString("ddMMyy", CultureInfo.InvariantCulture) + individual.ToString("D3", CultureInfo.InvariantCulture);
        const string Checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var check = Checks[(int)(long.Parse(digits, CultureInfo.InvariantCulture) % 31)];
        var sign = born.Year >= 2000 ? 'A' : '-';
        var hetu = string.Concat(digits.AsSpan(0, 6), sign.ToString(), digits.AsSpan(6), check.ToString());
        var wrong = hetu[..^1] + Checks[(Checks.IndexOf(check, StringComparison.Ordinal) + 1) % 31];

        var good = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var bad = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var person = PersonInputCheck.Check(new PersonInput("Aino", "Virtanen", hetu, "aino@example.fi", null, null, null, null), good, phoneRequired: false);
        PersonInputCheck.Check(new PersonInput("Aino", "Virtanen", wrong, "aino@example.fi", null, null, null, null), bad, phoneRequired: false);

        Assert.Empty(good);
        Assert.Equal(hetu, person!.Hetu);
        Assert.Equal(["hetu"], bad.Keys);
    }
}
