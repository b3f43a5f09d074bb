using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Guidance.Migrations
{
    /// <inheritdoc />
    internal partial class GuidanceClosing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "closed_by",
                table: "guidance_clients",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "closed_reason",
                table: "guidance_clients",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "closed_by",
                table: "guidance_clients");

            migrationBuilder.DropColumn(
                name: "closed_reason",
                table: "guidance_clients");
        }
    }
}
