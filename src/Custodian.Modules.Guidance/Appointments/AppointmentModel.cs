using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Guidance.Appointments;

/// <summary>The appointments slice's tables, settings, use cases and mail job, and its part of the client's copy and of erasure.</summary>
internal static class AppointmentModel
{
    public static void AddAppointments(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppointmentOptions>().Bind(builder.Configuration.GetSection(AppointmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ClientAppointments>();
        builder.Services.AddScoped<AppointmentMail>();
        builder.Services.AddScoped<StaffCalendar>();
        builder.Services.AddSingleton<IScheduledWork, AppointmentReminders>();
    }

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppointmentRecord>(a =>
        {
            a.ToTable(AppointmentRecord.Table);
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).HasColumnName("id");
            a.Property(x => x.ClientId).HasColumnName("client_id");
            a.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            a.Property(x => x.StartsAtUtc).HasColumnName("starts_at");
            a.Property(x => x.EndsAtUtc).HasColumnName("ends_at");
            a.Property(x => x.CancelledAtUtc).HasColumnName("cancelled_at");
            a.Property(x => x.BookedAtUtc).HasColumnName("booked_at");
            a.Property(x => x.BookedBy).HasColumnName("booked_by").HasMaxLength(80).IsRequired();
            a.Property(x => x.ReminderSentAtUtc).HasColumnName("reminder_sent_at");
            a.Property(x => x.CancellationMailedAtUtc).HasColumnName("cancellation_mailed_at");
            a.HasIndex(x => x.ClientId);
            a.HasIndex(x => x.StartsAtUtc);
        });
        modelBuilder.Entity<AppointmentVersionRecord>(v =>
        {
            v.ToTable(AppointmentVersionRecord.Table);
            v.HasKey(x => new { x.AppointmentId, x.Version });
            v.Property(x => x.AppointmentId).HasColumnName("appointment_id");
            v.Property(x => x.Version).HasColumnName("version");
            v.Property(x => x.StartsAtUtc).HasColumnName("starts_at");
            v.Property(x => x.EndsAtUtc).HasColumnName("ends_at");
            v.Property(x => x.Place).HasColumnName("appointment_place").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.VideoLink).HasColumnName("appointment_link").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.Note).HasColumnName("appointment_note").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.Cancelled).HasColumnName("cancelled");
            v.Property(x => x.CancelReason).HasColumnName("appointment_cancel_reason").HasConversion(t => t!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            v.Property(x => x.WrittenAtUtc).HasColumnName("written_at");
            v.Property(x => x.WrittenBy).HasColumnName("written_by").HasMaxLength(80).IsRequired();
        });
    }

    /// <summary>Every version of every appointment of the client, as the client's copy lists them.</summary>
    public static async Task<IReadOnlyList<ExportedRecord>> ExportAsync(GuidanceDb db, IPersonalDataVault vault, string registerId, ClientRecord client, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        var appointments = db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id);
        foreach (var v in await db.AppointmentVersions.Where(v => appointments.Contains(v.AppointmentId)).OrderBy(v => v.StartsAtUtc).ThenBy(v => v.AppointmentId).ThenBy(v => v.Version).ToListAsync(cancellationToken))
        {
            async Task<string?> OpenAsync(Encrypted<string>? value, string column) =>
                value is null ? null : (await vault.OpenAsync(value, AppointmentVersionRecord.Field(column, v.AppointmentId, v.Version), cancellationToken)) is { IsErased: false } opened ? opened.Value : null;

            records.Add(new ExportedRecord(new RecordRef(registerId, "appointment", $"{v.AppointmentId:D}/{v.Version}"),
            [
                new("starts_at", Utc(v.StartsAtUtc)), new("ends_at", Utc(v.EndsAtUtc)),
                new("appointment_place", await OpenAsync(v.Place, "appointment_place")), new("appointment_link", await OpenAsync(v.VideoLink, "appointment_link")),
                new("appointment_note", await OpenAsync(v.Note, "appointment_note")), new("cancelled", v.Cancelled ? "yes" : "no"),
                new("appointment_cancel_reason", await OpenAsync(v.CancelReason, "appointment_cancel_reason")),
                new("version", v.Version.ToString(CultureInfo.InvariantCulture)), new("written_at", Utc(v.WrittenAtUtc)),
            ], client.Restricted));
        }

        return records;
    }

    public static async Task DeleteAsync(GuidanceDb db, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken)
    {
        var appointments = db.Appointments.Where(a => clients.Contains(a.ClientId)).Select(a => a.Id);
        await db.AppointmentVersions.Where(v => appointments.Contains(v.AppointmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Appointments.Where(a => clients.Contains(a.ClientId)).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
