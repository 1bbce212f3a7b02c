"""Small word lists the rules use: job-title words, employer and institution markers, places, languages."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_WORDS = word_set(
    """
    engineer engineers developer developers manager analyst consultant intern internship trainee assistant
    associate specialist director officer lead head administrator admin architect designer coordinator
    executive representative rep technician supervisor accountant auditor teacher tutor professor lecturer
    instructor nurse clerk advisor adviser agent programmer tester scientist researcher president vp ceo cto
    cfo coo founder co-founder owner partner chef cook driver operator mechanic electrician writer editor
    author producer planner buyer cashier receptionist secretary attorney lawyer paralegal advocate counsel
    physician therapist pharmacist dentist surgeon paramedic trainer coach strategist recruiter lead generalist
    expert apprentice fellow volunteer member leader superintendent foreman inspector estimator controller
    treasurer bookkeeper merchandiser stylist artist photographer worker helper aide attendant handler sergeant
    captain lieutenant commander pilot dispatcher investigator examiner underwriter banker broker teller
    officer sales marketing freelancer contractor evangelist steward host hostess server bartender barista
    custodian janitor guard principal dean chair chairman chairperson counselor counsellor librarian scrum
    devops sde sme qa
    """
)

# Words of job titles and departments (frequent in the first lines of the livecareer resumes): not names.
BUSINESS_WORDS = word_set(
    """
    business development engineering senior finance hr information technology construction project relations
    service customer digital public operations healthcare media banking services fitness support it staff
    graphic sr ii aviation general program vice research administrative arts account management quality
    software communications social iii corporate clinical center financial mechanical regional personal product
    language production office instructional technical global group patient safety branch design sous client
    care chief human resources freelance health professional assurance store student food systems mortgage team
    interior summary national control maintenance data supply special administration tech medical unit
    logistics desk international security brand creative event apparel substitute grade training english
    facilities relationship site cad equipment floral strategy investment consumer plant education extension
    compliance tax materials online network deputy recreation room commercial system lab certified licensed
    payroll contract community domestic violence victim merchant multimedia rn front agriculture accounts
    independent audit guest passenger membership merchandising industrial material personnel library reading
    process employee laborer managing registered test staffing pastry planning leasing web advertising help
    content master emergency territory liaison consulting practice events background strengths experience
    practicum position applying specialists educator dealer participant holder hygienist machinist maintainer
    transporter interviewer interventionist methodologist co-op receivable analysis educations languages skills
    objective
    """
)

EMPLOYER_MARKERS = re.compile(
    r"(?i)\b(?:inc|llc|llp|ltd|limited|corp|corporation|company|co|plc|gmbh|pvt|private|technologies|technology|"
    r"solutions|services|systems|software|consulting|consultancy|group|bank|labs|infotech|infosys|international|"
    r"associates|partners|agency|department|hospital|clinic|enterprises|industries|holdings|foundation|"
    r"communications|networks|pharma|pharmaceuticals|motors|airlines|university|college|school|institute|"
    r"council|ministry|army|navy|air force|marine corps|government|county|city of|state of)\b\.?"
)

INSTITUTION_WORDS = re.compile(
    r"(?i)\b(?:university|universit[àé]|college|institute|institution|school|academy|polytechnic|"
    r"vidyalaya|vidyapeeth|mahavidyalaya|iit|nit|iiit|iim|bits|board|cbse|icse|seminary|conservatory)\b"
)

REGION_HINTS: dict[str, tuple[str, ...]] = {
    "IN": (
        "india", "karnataka", "maharashtra", "bangalore", "bengaluru", "mumbai", "pune", "hyderabad", "chennai",
        "delhi", "noida", "gurgaon", "gurugram", "kolkata", "tamil nadu", "kerala", "telangana", "andhra",
        "gujarat", "uttar pradesh", "rajasthan", "odisha", "punjab", "haryana", "madhya pradesh", "west bengal",
    ),
    "GB": ("united kingdom", "london", "manchester", "england", "scotland", "birmingham", "wales"),
    "CA": ("canada", "ontario", "toronto", "vancouver", "quebec", "alberta", "british columbia"),
    "AU": ("australia", "sydney", "melbourne", "brisbane", "queensland", "new south wales"),
    "AE": ("dubai", "abu dhabi", "united arab emirates", "uae"),
    "SG": ("singapore",),
    "DE": ("germany", "berlin", "munich", "deutschland"),
    "PH": ("philippines", "manila"),
    "NG": ("nigeria", "lagos"),
    "PK": ("pakistan", "karachi", "lahore"),
}  # fmt: skip

SPOKEN_LANGUAGES = word_set(
    """
    english hindi spanish french german italian portuguese russian mandarin chinese cantonese japanese korean
    arabic bengali bangla urdu punjabi gujarati marathi tamil telugu kannada malayalam odia oriya assamese
    nepali sinhala konkani sindhi kashmiri dutch swedish norwegian danish finnish polish czech slovak hungarian
    romanian bulgarian greek turkish hebrew persian farsi swahili tagalog filipino vietnamese thai indonesian
    malay ukrainian serbian croatian bosnian slovenian albanian armenian georgian latin sanskrit haitian creole
    somali amharic yoruba igbo hausa zulu afrikaans catalan basque galician irish welsh icelandic estonian
    latvian lithuanian khmer lao burmese mongolian pashto dari kurdish tamazight asl
    """
)

LANGUAGE_LEVELS = re.compile(
    r"(?i)\b(?:native(?: speaker)?|mother tongue|bilingual|fluent|fluency|proficient|professional working|"
    r"full professional|conversational|intermediate|advanced|basic|beginner|elementary|limited working|"
    r"working knowledge|good|excellent|read(?:ing)?|writ(?:e|ing)|speak(?:ing)?|[abc][12])\b"
)

STATE_NAMES = re.compile(
    r"(?:\b[A-Z]{2}\b|\bState\b|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
    r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
    r"North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
    r"Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|India|Karnataka|"
    r"Maharashtra|Tamil Nadu|Kerala|Telangana|Andhra Pradesh|Uttar Pradesh|Gujarat|Delhi|Haryana|West Bengal|"
    r"Rajasthan|Odisha|Punjab|Madhya Pradesh|USA|United States|Canada|United Kingdom|UK)"
)
LOCATION = re.compile(
    rf"^(?:City|[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){{0,3}})\s*,\s*{STATE_NAMES.pattern}"
    r"(?:\s*,\s*[A-Z][A-Za-z ]+)?(?:\s+\d{5}(?:-\d{4})?)?$"
)


def has_title_word(text: str) -> bool:
    return any(w in TITLE_WORDS for w in re.findall(r"[a-z][a-z\-]*", text.lower()))


def is_location(text: str) -> bool:
    return bool(LOCATION.match(text.strip(" -|,")))
