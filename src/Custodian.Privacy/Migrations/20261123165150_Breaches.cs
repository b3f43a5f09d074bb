using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class Breaches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_breach_events",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    breach_id = table.Column<Guid>(nullable: false),
                    at_utc = table.Column<DateTime>(nullable: false),
                    actor = table.Column<string>(maxLength: 200, nullable: false),
                    note = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_breach_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_breaches",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    reference = table.Column<string>(maxLength: 16, nullable: false),
                    detected_at_utc = table.Column<DateTime>(nullable: false),
                    occurred_at_utc = table.Column<DateTime>(nullable: true),
                    nature = table.Column<string>(nullable: false),
                    registers = table.Column<string>(maxLength: 400, nullable: false),
                    categories = table.Column<string>(maxLength: 1000, nullable: false),
                    approximate_subjects = table.Column<int>(nullable: false),
                    approximate_records = table.Column<int>(nullable: false),
                    likely_consequences = table.Column<string>(nullable: false),
                    measures_taken = table.Column<string>(nullable: false),
                    measures_proposed = table.Column<string>(nullable: true),
                    no_risk_reason = table.Column<string>(nullable: true),
                    high_risk_to_subjects = table.Column<bool>(nullable: false),
                    cause = table.Column<string>(nullable: true),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    gdpr_authority_notified_at_utc = table.Column<DateTime>(nullable: true),
                    gdpr_subjects_notified_at_utc = table.Column<DateTime>(nullable: true),
                    rkn_initial_notified_at_utc = table.Column<DateTime>(nullable: true),
                    rkn_investigation_notified_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_breaches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_breach_events_breach_id_at_utc",
                table: "privacy_breach_events",
                columns: new[] { "breach_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_breaches_reference",
                table: "privacy_breaches",
                column: "reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_breach_events");

            migrationBuilder.DropTable(
                name: "privacy_breaches");
        }
    }
}
