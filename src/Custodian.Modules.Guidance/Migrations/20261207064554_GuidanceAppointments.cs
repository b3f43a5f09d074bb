using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class GuidanceAppointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guidance_appointment_versions",
                columns: table => new
                {
                    appointment_id = table.Column<Guid>(nullable: false),
                    version = table.Column<int>(nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    appointment_place = table.Column<byte[]>(nullable: true),
                    appointment_link = table.Column<byte[]>(nullable: true),
                    appointment_note = table.Column<byte[]>(nullable: true),
                    cancelled = table.Column<bool>(nullable: false),
                    appointment_cancel_reason = table.Column<byte[]>(nullable: true),
                    written_at = table.Column<DateTime>(nullable: false),
                    written_by = table.Column<string>(maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_appointment_versions", x => new { x.appointment_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "guidance_appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    client_id = table.Column<Guid>(nullable: false),
                    version = table.Column<int>(nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    cancelled_at = table.Column<DateTime>(nullable: true),
                    booked_at = table.Column<DateTime>(nullable: false),
                    booked_by = table.Column<string>(maxLength: 80, nullable: false),
                    reminder_sent_at = table.Column<DateTime>(nullable: true),
                    cancellation_mailed_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_appointments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guidance_appointments_client_id",
                table: "guidance_appointments",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_appointments_starts_at",
                table: "guidance_appointments",
                column: "starts_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guidance_appointment_versions");

            migrationBuilder.DropTable(
                name: "guidance_appointments");
        }
    }
}
