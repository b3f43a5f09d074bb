using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class CardRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "revocation_reason",
                table: "training_certificates",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revoked_by",
                table: "training_certificates",
                maxLength: 80,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revocation_reason",
                table: "training_certificates");

            migrationBuilder.DropColumn(
                name: "revoked_by",
                table: "training_certificates");
        }
    }
}
