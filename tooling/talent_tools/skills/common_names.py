"""Short names resumes use for tools and skills that neither ESCO nor O*NET spells that way.

"SVN" and "Splunk" are how people write "Apache Subversion SVN" and "Splunk Enterprise"; "MS Office" and
"Power Point" are how they write Microsoft's products. The vendor and acronym rules in `onet_aliases` cannot
derive these (the acronym does not spell the name, the product has no vendor prefix to strip), so they are
listed here, each under an existing name of the entry it belongs to. The list came from the skills the
parser missed on the development split of the DataTurks resumes (`talent eval parser`; the test split was
not looked at). The build fails when a target name no longer exists, so a data update cannot drop them
silently. Whether a name is matched freely, case-sensitively or only with evidence is decided by the same
flags as every other name (`name_flags.flag_name`).
"""

from __future__ import annotations

COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "Apache Subversion SVN": ("SVN", "Subversion", "TortoiseSVN", "Tortoise SVN"),
    "Splunk Enterprise": ("Splunk",),
    "Oracle Database": ("Oracle", "Oracle DB", "Oracle 9i", "Oracle 10g", "Oracle 11g", "Oracle 12c", "Oracle 19c"),
    "SAP software": ("SAP",),
    "Microsoft Office": ("MS Office", "MS-Office", "Microsoft Office Suite", "MS Office Suite"),
    "Microsoft Excel": ("MS Excel", "MS-Excel", "Advanced Excel"),
    "Microsoft Word": ("MS Word", "MS-Word"),
    "Microsoft PowerPoint": ("MS PowerPoint", "MS Power Point", "Power Point", "MS-PowerPoint"),
    "Microsoft Outlook": ("MS Outlook",),
    "Microsoft Project": ("MS Project",),
    "Hewlett-Packard HP TestDirector for Quality Center": (
        "HP Quality Center",
        "Quality Center",
        "HP QC",
        "HP ALM",
        "Micro Focus ALM",
    ),
    "ICT communications protocols": ("TCP/IP", "TCP IP", "networking protocols"),
    "tools for software configuration management": ("version control", "version control systems"),
    "tools for ICT test automation": ("automation testing", "test automation"),
    "execute software tests": ("manual testing", "software testing", "functional testing", "regression testing"),
    "manage a team": ("team management", "team handling"),
    "lead a team": ("team leadership",),
}
