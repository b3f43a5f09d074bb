using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class GuidanceAccessTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The module's access list moves to the kernel's access trail (written with the audit entries in one commit);
            // the views already listed are carried over with negative sequences (their audit entries were not linked), the
            // newest -1, so views of one moment list newest first as before.
            var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
            var subject = postgres ? "replace(c.subject_id::text, '-', '')" : "lower(replace(c.subject_id, '-', ''))";
            migrationBuilder.Sql($"""
                INSERT INTO privacy_access_trail (sequence, subject, viewed_at, register, organisation, role, what)
                SELECT -ROW_NUMBER() OVER (ORDER BY l.viewed_at DESC, l.id DESC), 'subj_' || {subject}, l.viewed_at, p.register, l.organisation,
                       CASE l.role WHEN 'Coach' THEN 'coach' WHEN 'TeamLead' THEN 'team-lead' WHEN 'OfficeStaff' THEN 'office-staff'
                                   WHEN 'ProgrammeAdmin' THEN 'programme-admin' WHEN 'ControllerAdmin' THEN 'controller-admin'
                                   WHEN 'SendingOrganisation' THEN 'sending-organisation' ELSE l.role END,
                       l.what
                FROM guidance_access_log l
                JOIN guidance_clients c ON c.id = l.client_id
                JOIN guidance_programmes p ON p.id = c.programme_id
                """);
            migrationBuilder.DropTable(
                name: "guidance_access_log");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_access_log",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    organisation = table.Column<string>(maxLength: 200, nullable: false),
                    role = table.Column<string>(maxLength: 32, nullable: false),
                    viewed_at = table.Column<DateTime>(nullable: false),
                    what = table.Column<string>(maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_access_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_access_log_client_id_viewed_at",
                table: "guidance_access_log",
                columns: new[] { "client_id", "viewed_at" });

            // Back to the module's table: every view of a guidance client moves (migrating up again carries them over
            // once more, without their sequence links), so nothing is lost or doubled.
            var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
            var subject = postgres ? "replace(c.subject_id::text, '-', '')" : "lower(replace(c.subject_id, '-', ''))";
            var id = postgres
                ? "gen_random_uuid()"
                : "(SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12)) FROM (SELECT hex(randomblob(16)) AS h WHERE t.sequence = t.sequence))";
            migrationBuilder.Sql($"""
                INSERT INTO guidance_access_log (id, client_id, viewed_at, organisation, role, what)
                SELECT {id}, c.id, t.viewed_at, t.organisation,
                       CASE t.role WHEN 'coach' THEN 'Coach' WHEN 'team-lead' THEN 'TeamLead' WHEN 'office-staff' THEN 'OfficeStaff'
                                   WHEN 'programme-admin' THEN 'ProgrammeAdmin' WHEN 'controller-admin' THEN 'ControllerAdmin'
                                   WHEN 'sending-organisation' THEN 'SendingOrganisation' ELSE t.role END,
                       t.what
                FROM privacy_access_trail t
                JOIN guidance_clients c ON t.subject = 'subj_' || {subject}
                """);
            migrationBuilder.Sql($"DELETE FROM privacy_access_trail WHERE subject IN (SELECT 'subj_' || {subject} FROM guidance_clients c)");
        }
    }
}
