using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <inheritdoc />
    internal partial class WorkLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_work_leases",
                columns: table => new
                {
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    holder = table.Column<string>(maxLength: 200, nullable: true),
                    held_until_utc = table.Column<DateTime>(nullable: true),
                    done_at_utc = table.Column<DateTime>(nullable: true),
                    hand_over = table.Column<string>(maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_work_leases", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_work_leases");
        }
    }
}
