"""Synthetic resumes of fictional people, in the layouts the parser meets in real data."""

from __future__ import annotations

from datetime import date

DOC_DATE = date(2024, 6, 15)

# Indeed-style: title, blank, "Employer - City, State -", blank, dates.
INDEED_STYLE = """Alex Rivera
Senior Data Engineer

Springfield, Illinois - Email me on Indeed: indeed.com/r/Alex-Rivera/0123456789abcdef

Data engineer with eight years of pipelines and warehouses.

WORK EXPERIENCE

Senior Data Engineer

Northwind Traders Inc -  Springfield, Illinois -

March 2020 to Present

Built streaming pipelines in Python and Kafka.

Data Engineer

Contoso Ltd -  Springfield, Illinois -

January 2016 to February 2020

Maintained the SQL warehouse.

EDUCATION

B.Sc. in Computer Science

Springfield State University -  Springfield, Illinois

2011 to 2015

SKILLS

Python (5 years), SQL (8 years), Kafka (3 years)
"""

# Livecareer-style: no blank lines, "Company Name <dates> Title" and "Title <dates>" then employer.
PLAIN_STYLE = """Priya Raman
priya.raman@example.com | (202) 555-0173 | linkedin.com/in/priya-raman-example
Professional Summary
Accountant with a decade of audits. Priya Raman leads month-end close.
Work History
Company Name July 2011 to November 2012 Accountant
City , State
Prepared monthly reconciliations.
Senior Accountant 04/2013 to Current
Fabrikam Corp - Austin, TX
Led the audit team.
Education
Master of Business Administration : Finance 2010 University of Texas
Certifications
Certified Public Accountant (CPA), 2014
Languages
English (native), Spanish (conversational)
"""
