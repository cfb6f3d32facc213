package main

// Corrections applied on top of world-countries. Each entry says why.
// Keys are ISO 3166-1 alpha-3 codes.

// observers are the non-member observer states of the General Assembly.
// world-countries marks Vatican City as a UN member; it is not: the Holy
// See is a non-member observer state (A/RES/58/314). Palestine has
// unMember false; it is the observer State of Palestine (A/RES/67/19).
var observers = map[string]bool{"VAT": true, "PSE": true}

// labels replaces world-countries' common name where UN documents and
// analysts use another short name. The common name is kept as an alias.
var labels = map[string]string{
	"VAT": "Holy See",
	"PSE": "State of Palestine",
	"CIV": "Côte d'Ivoire",                    // UN name; "Ivory Coast" kept as alias
	"COD": "Democratic Republic of the Congo", // world-countries: "DR Congo"
	"CPV": "Cabo Verde",                       // UN name since 2013
	// The UN short names delegations and records use, where they are
	// plain words (the parenthesised UN forms, "Iran (Islamic Republic
	// of)", stay aliases: labels are typed in queries).
	"RUS": "Russian Federation",
	"KOR": "Republic of Korea",
	"PRK": "Democratic People's Republic of Korea",
	"VNM": "Viet Nam",
	"SYR": "Syrian Arab Republic",
	"LAO": "Lao People's Democratic Republic",
	"MDA": "Republic of Moldova",
	"TZA": "United Republic of Tanzania",
	"BRN": "Brunei Darussalam",
	"CZE": "Czechia",
	"TUR": "Türkiye",
	"STP": "Sao Tome and Principe",
}

// unNames are the UN short names (UNTERM / the list of Member States at
// https://www.un.org/en/about-us/member-states), added as aliases where
// world-countries does not already have them.
var unNames = map[string][]string{
	"BOL": {"Bolivia (Plurinational State of)"},
	"BRN": {"Brunei Darussalam"},
	"CIV": {"Côte d'Ivoire", "Cote d'Ivoire"},
	"COD": {"Democratic Republic of the Congo"},
	"COG": {"Congo"},
	"CPV": {"Cabo Verde"},
	"CZE": {"Czechia", "Czech Republic"},
	"FSM": {"Micronesia (Federated States of)"},
	"GBR": {"United Kingdom of Great Britain and Northern Ireland"},
	"IRN": {"Iran (Islamic Republic of)"},
	"KOR": {"Republic of Korea"},
	"LAO": {"Lao People's Democratic Republic"},
	"MDA": {"Republic of Moldova"},
	"NLD": {"Netherlands (Kingdom of the)", "Kingdom of the Netherlands"},
	"PRK": {"Democratic People's Republic of Korea"},
	"PSE": {"State of Palestine", "Palestine"},
	"RUS": {"Russian Federation"},
	"STP": {"Sao Tome and Principe"},
	"SYR": {"Syrian Arab Republic"},
	"TUR": {"Türkiye", "Turkiye"},
	"TZA": {"United Republic of Tanzania"},
	"USA": {"United States of America"},
	"VAT": {"Holy See"},
	"VEN": {"Venezuela (Bolivarian Republic of)"},
	"VNM": {"Viet Nam"},
}

// extraAliases are other names used in statements that world-countries
// lacks: former names still read in older records and common short forms.
var extraAliases = map[string][]string{
	"GBR": {"Britain"},
	"TUR": {"Turkey"},       // the UN name until 2022 (Türkiye from 1 June 2022)
	"MKD": {"Macedonia"},    // before 2019; "the former Yugoslav Republic of Macedonia" is in world-countries
	"SWZ": {"Swaziland"},    // before 2018
	"VAT": {"Vatican City"}, // world-countries' common name
	"COD": {"DR Congo", "Democratic Republic of Congo"},
}

// extraCodes are abbreviations matched only with this exact case; ISO
// codes other than these are not aliases, because two-letter codes such
// as "IT", "IN" and "NO" are ordinary words or abbreviations.
var extraCodes = map[string][]string{
	"USA": {"US", "U.S.", "USA"},
	"CHN": {"PRC"},
	"KOR": {"ROK"},
	"SAU": {"KSA"},
	"GBR": {"UK"},
	"ARE": {"UAE"},
	"PRK": {"DPRK"},
	"COD": {"DRC"},
}

// extraDemonyms are adjectival forms used in statements ("the Icelandic
// delegation") where world-countries gives only the noun, or spells it
// otherwise.
var extraDemonyms = map[string][]string{
	"ISL": {"Icelandic"},
	"LUX": {"Luxembourgish"},
	"PHL": {"Philippine"},
	"TJK": {"Tajik", "Tajikistani"},
	"KGZ": {"Kyrgyz"},
	"KAZ": {"Kazakh"},
	"UZB": {"Uzbek"},
	"TKM": {"Turkmen"},
	"SAU": {"Saudi"},
	"CPV": {"Cabo Verdean", "Cape Verdean"},
	"MDV": {"Maldivian"},
	"SUR": {"Surinamese"},
	"TLS": {"Timorese"},
	"SVN": {"Slovenian"},
	"ECU": {"Ecuadorian"},
	"LSO": {"Basotho"},
	"BWA": {"Botswanan"},
	"PNG": {"Papua New Guinean"},
	"GBR": {"British"},
	"USA": {"American"},
	"CHN": {"Chinese"},
	"BIH": {"Bosnian"},
	"CZE": {"Czech"},
	"SVK": {"Slovak"},
	"NLD": {"Dutch"},
	"TUR": {"Turkish"},
	"SYR": {"Syrian"},
	"LAO": {"Lao", "Laotian"},
}

// dropNames are alternative spellings from world-countries that are not
// names of the state as written in English statements, or are ordinary
// English words: they would fire on ordinary prose.
var dropNames = map[string]bool{
	"Island":             true, // ISL, Icelandic for Iceland, an English word
	"the Abode of Peace": true, // BRN, a fragment of the official name
	"Nation of Brunei":   true,
	"Prathet":            true, // THA, "country" in Thai
	"Mexicanos":          true, // MEX, "Mexicans"
	"Portuguesa":         true, // PRT, a fragment
	"Timor":              true, // TLS, also the island shared with Indonesia
	"Saudi":              true, // SAU, kept as demonym instead
	"Thai":               true, // THA, a demonym
	"Togolese":           true, // TGO, a demonym
	"Lao":                true, // LAO, kept as demonym
}

// regionalGroup corrections: world-countries has no group for Palestine,
// which is a full member of the Asia-Pacific Group. The Holy See belongs
// to none. (The United States is not formally a member of any regional
// group; it attends WEOG as an observer and is counted with WEOG for
// elections, as world-countries has it.)
var regionalGroupFix = map[string]string{
	"PSE": "Asia and the Pacific Group",
}

// groupKeys maps world-countries' unRegionalGroup to the ids of the
// groups defined in groups.tsv.
var groupKeys = map[string]string{
	"African Group":                      "group/african-group",
	"Asia and the Pacific Group":         "group/asia-pacific-group",
	"Eastern European Group":             "group/eastern-european-group",
	"Latin American and Caribbean Group": "group/grulac",
	"Western European and Others Group":  "group/weog",
}
