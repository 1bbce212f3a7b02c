"""The 24 livecareer job families, the O*NET occupations that stand in for their postings, and relatedness.

Each family's first occupation is its held-out test posting; the others are training postings. Grades:
2 = same family, 1 = a related family (shares a group below), 0 = unrelated.
"""

from __future__ import annotations

FAMILY_OCCUPATIONS: dict[str, tuple[str, ...]] = {
    "ACCOUNTANT": ("13-2011.00", "13-2031.00", "13-2082.00"),
    "ADVOCATE": ("23-1011.00", "23-2011.00", "21-1093.00"),
    "AGRICULTURE": ("11-9013.00", "19-4012.00", "45-2011.00"),
    "APPAREL": ("27-1022.00", "13-1022.00", "41-1011.00"),
    "ARTS": ("27-1013.00", "25-3021.00", "27-1011.00"),
    "AUTOMOBILE": ("49-3023.00", "17-2141.02", "17-3027.01"),
    "AVIATION": ("49-3011.00", "53-2011.00", "49-2091.00"),
    "BANKING": ("13-2072.00", "43-3071.00", "13-2041.00"),
    "BPO": ("43-4051.00", "41-9041.00", "43-2021.00"),
    "BUSINESS-DEVELOPMENT": ("11-2022.00", "13-1161.00", "11-2021.00"),
    "CHEF": ("35-1011.00", "35-2014.00", "11-9051.00"),
    "CONSTRUCTION": ("11-9021.00", "47-1011.00", "47-2031.00"),
    "CONSULTANT": ("13-1111.00", "15-1211.00", "13-1199.00"),
    "DESIGNER": ("27-1024.00", "27-1025.00", "15-1255.00"),
    "DIGITAL-MEDIA": ("13-1161.01", "27-1014.00", "27-4032.00"),
    "ENGINEERING": ("17-2141.00", "17-2071.00", "17-2051.00"),
    "FINANCE": ("13-2051.00", "11-3031.00", "13-2052.00"),
    "FITNESS": ("39-9031.00", "11-9179.01", "39-9032.00"),
    "HEALTHCARE": ("29-1141.00", "11-9111.00", "31-9092.00"),
    "HR": ("13-1071.00", "11-3121.00", "13-1141.00"),
    "INFORMATION-TECHNOLOGY": ("15-1232.00", "15-1244.00", "11-3021.00"),
    "PUBLIC-RELATIONS": ("27-3031.00", "11-2032.00", "11-2011.00"),
    "SALES": ("41-4012.00", "41-3091.00", "41-2031.00"),
    "TEACHER": ("25-2021.00", "25-2031.00", "25-2011.00"),
}

RELATED_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"ACCOUNTANT", "FINANCE", "BANKING"}),
    frozenset({"SALES", "BUSINESS-DEVELOPMENT", "CONSULTANT", "BPO", "DIGITAL-MEDIA", "PUBLIC-RELATIONS"}),
    frozenset({"DESIGNER", "ARTS", "DIGITAL-MEDIA", "APPAREL"}),
    frozenset({"APPAREL", "SALES"}),
    frozenset({"ENGINEERING", "CONSTRUCTION", "AUTOMOBILE", "AVIATION", "INFORMATION-TECHNOLOGY"}),
    frozenset({"HEALTHCARE", "FITNESS"}),
    frozenset({"HR", "CONSULTANT"}),
    frozenset({"TEACHER", "ARTS"}),
)


def grade(job_family: str, resume_family: str) -> int:
    if job_family == resume_family:
        return 2
    return 1 if any(job_family in g and resume_family in g for g in RELATED_GROUPS) else 0
