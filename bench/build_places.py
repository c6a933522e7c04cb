"""Build factcheck/pipeline/data/places.json (run by hand, not at run time).

The hand-written tables below are the source of truth for names, aliases and demonyms: news usage
("Czech Republic", "Ivory Coast", "Polish", "Poles") differs from ISO names, and no well-kept
package ships English demonyms. The `countryinfo` package (installed in a throw-away venv, never
in the project's) only contributes capital cities and formal long names ("Republic of Poland").

    python -m venv /tmp/placesvenv && /tmp/placesvenv/bin/pip install countryinfo
    /tmp/placesvenv/bin/python bench/build_places.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "factcheck" / "pipeline" / "data" / "places.json"

# iso2, canonical name, un_member, extra aliases, adjectives, people nouns (singular/plural)
# Ambiguous bare words are deliberately left out of the aliases: "Congo" maps to the DRC (AP
# style), "Korea"/"Korean" are left unresolved, "Chad"/"Jordan"/"Georgia"/"Turkey" stay
# countries (only capitalised text is ever matched).
COUNTRIES: list[tuple[str, str, bool, list[str], list[str], list[str]]] = [
    ("AF", "Afghanistan", True, [], ["Afghan"], ["Afghans"]),
    ("AL", "Albania", True, [], ["Albanian"], ["Albanians"]),
    ("DZ", "Algeria", True, [], ["Algerian"], ["Algerians"]),
    ("AD", "Andorra", True, [], ["Andorran"], ["Andorrans"]),
    ("AO", "Angola", True, [], ["Angolan"], ["Angolans"]),
    ("AG", "Antigua and Barbuda", True, [], ["Antiguan"], ["Antiguans"]),
    ("AR", "Argentina", True, [], ["Argentine", "Argentinian"], ["Argentines", "Argentinians"]),
    ("AM", "Armenia", True, [], ["Armenian"], ["Armenians"]),
    ("AU", "Australia", True, [], ["Australian"], ["Australians"]),
    ("AT", "Austria", True, [], ["Austrian"], ["Austrians"]),
    ("AZ", "Azerbaijan", True, [], ["Azerbaijani", "Azeri"], ["Azerbaijanis", "Azeris"]),
    ("BS", "Bahamas", True, ["The Bahamas"], ["Bahamian"], ["Bahamians"]),
    ("BH", "Bahrain", True, [], ["Bahraini"], ["Bahrainis"]),
    ("BD", "Bangladesh", True, [], ["Bangladeshi"], ["Bangladeshis"]),
    ("BB", "Barbados", True, [], ["Barbadian"], ["Barbadians"]),
    ("BY", "Belarus", True, [], ["Belarusian", "Belarussian"], ["Belarusians"]),
    ("BE", "Belgium", True, [], ["Belgian"], ["Belgians"]),
    ("BZ", "Belize", True, [], ["Belizean"], ["Belizeans"]),
    ("BJ", "Benin", True, [], ["Beninese"], []),
    ("BT", "Bhutan", True, [], ["Bhutanese"], []),
    ("BO", "Bolivia", True, [], ["Bolivian"], ["Bolivians"]),
    (
        "BA",
        "Bosnia and Herzegovina",
        True,
        ["Bosnia-Herzegovina", "Bosnia"],
        ["Bosnian"],
        ["Bosnians"],
    ),
    ("BW", "Botswana", True, [], ["Botswanan"], []),
    ("BR", "Brazil", True, [], ["Brazilian"], ["Brazilians"]),
    ("BN", "Brunei", True, ["Brunei Darussalam"], ["Bruneian"], ["Bruneians"]),
    ("BG", "Bulgaria", True, [], ["Bulgarian"], ["Bulgarians"]),
    ("BF", "Burkina Faso", True, [], ["Burkinabe", "Burkinabè"], []),
    ("BI", "Burundi", True, [], ["Burundian"], ["Burundians"]),
    ("CV", "Cape Verde", True, ["Cabo Verde"], ["Cape Verdean"], ["Cape Verdeans"]),
    ("KH", "Cambodia", True, [], ["Cambodian"], ["Cambodians"]),
    ("CM", "Cameroon", True, [], ["Cameroonian"], ["Cameroonians"]),
    ("CA", "Canada", True, [], ["Canadian"], ["Canadians"]),
    ("CF", "Central African Republic", True, ["CAR"], [], []),
    ("TD", "Chad", True, [], ["Chadian"], ["Chadians"]),
    ("CL", "Chile", True, [], ["Chilean"], ["Chileans"]),
    ("CN", "China", True, ["PRC", "Mainland China"], ["Chinese"], []),
    ("CO", "Colombia", True, [], ["Colombian"], ["Colombians"]),
    ("KM", "Comoros", True, [], ["Comorian"], ["Comorians"]),
    ("CG", "Republic of the Congo", True, ["Congo-Brazzaville", "Congo Republic"], [], []),
    (
        "CD",
        "Democratic Republic of the Congo",
        True,
        ["DR Congo", "DRC", "Congo-Kinshasa", "Congo", "Democratic Republic of Congo"],
        ["Congolese"],
        [],
    ),
    ("CR", "Costa Rica", True, [], ["Costa Rican"], ["Costa Ricans"]),
    (
        "CI",
        "Ivory Coast",
        True,
        ["Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire"],
        ["Ivorian"],
        ["Ivorians"],
    ),
    ("HR", "Croatia", True, [], ["Croatian"], ["Croatians", "Croats"]),
    ("CU", "Cuba", True, [], ["Cuban"], ["Cubans"]),
    ("CY", "Cyprus", True, [], ["Cypriot"], ["Cypriots"]),
    ("CZ", "Czech Republic", True, ["Czechia"], ["Czech"], ["Czechs"]),
    ("DK", "Denmark", True, [], ["Danish"], ["Danes"]),
    ("DJ", "Djibouti", True, [], ["Djiboutian"], ["Djiboutians"]),
    ("DM", "Dominica", True, [], [], []),
    ("DO", "Dominican Republic", True, [], ["Dominican"], ["Dominicans"]),
    ("EC", "Ecuador", True, [], ["Ecuadorian", "Ecuadorean"], ["Ecuadorians"]),
    ("EG", "Egypt", True, [], ["Egyptian"], ["Egyptians"]),
    ("SV", "El Salvador", True, [], ["Salvadoran", "Salvadorean"], ["Salvadorans"]),
    ("GQ", "Equatorial Guinea", True, [], ["Equatoguinean"], []),
    ("ER", "Eritrea", True, [], ["Eritrean"], ["Eritreans"]),
    ("EE", "Estonia", True, [], ["Estonian"], ["Estonians"]),
    ("SZ", "Eswatini", True, ["Swaziland"], ["Swazi"], ["Swazis"]),
    ("ET", "Ethiopia", True, [], ["Ethiopian"], ["Ethiopians"]),
    ("FJ", "Fiji", True, [], ["Fijian"], ["Fijians"]),
    ("FI", "Finland", True, [], ["Finnish"], ["Finns"]),
    ("FR", "France", True, [], ["French"], ["Frenchman", "Frenchmen", "Frenchwoman"]),
    ("GA", "Gabon", True, [], ["Gabonese"], []),
    ("GM", "Gambia", True, ["The Gambia"], ["Gambian"], ["Gambians"]),
    ("GE", "Georgia", True, [], ["Georgian"], ["Georgians"]),
    ("DE", "Germany", True, [], ["German"], ["Germans"]),
    ("GH", "Ghana", True, [], ["Ghanaian"], ["Ghanaians"]),
    ("GR", "Greece", True, [], ["Greek"], ["Greeks"]),
    ("GD", "Grenada", True, [], ["Grenadian"], ["Grenadians"]),
    ("GT", "Guatemala", True, [], ["Guatemalan"], ["Guatemalans"]),
    ("GN", "Guinea", True, ["Guinea-Conakry"], ["Guinean"], ["Guineans"]),
    ("GW", "Guinea-Bissau", True, [], ["Bissau-Guinean"], []),
    ("GY", "Guyana", True, [], ["Guyanese"], []),
    ("HT", "Haiti", True, [], ["Haitian"], ["Haitians"]),
    ("HN", "Honduras", True, [], ["Honduran"], ["Hondurans"]),
    ("HU", "Hungary", True, [], ["Hungarian"], ["Hungarians"]),
    ("IS", "Iceland", True, [], ["Icelandic"], ["Icelanders"]),
    ("IN", "India", True, [], ["Indian"], ["Indians"]),
    ("ID", "Indonesia", True, [], ["Indonesian"], ["Indonesians"]),
    ("IR", "Iran", True, [], ["Iranian"], ["Iranians"]),
    ("IQ", "Iraq", True, [], ["Iraqi"], ["Iraqis"]),
    ("IE", "Ireland", True, ["Republic of Ireland", "Eire"], ["Irish"], ["Irishman", "Irishmen"]),
    ("IL", "Israel", True, [], ["Israeli"], ["Israelis"]),
    ("IT", "Italy", True, [], ["Italian"], ["Italians"]),
    ("JM", "Jamaica", True, [], ["Jamaican"], ["Jamaicans"]),
    ("JP", "Japan", True, [], ["Japanese"], []),
    ("JO", "Jordan", True, [], ["Jordanian"], ["Jordanians"]),
    ("KZ", "Kazakhstan", True, [], ["Kazakh", "Kazakhstani"], ["Kazakhs", "Kazakhstanis"]),
    ("KE", "Kenya", True, [], ["Kenyan"], ["Kenyans"]),
    ("KI", "Kiribati", True, [], [], []),
    ("KP", "North Korea", True, ["DPRK"], ["North Korean"], ["North Koreans"]),
    ("KR", "South Korea", True, ["ROK"], ["South Korean"], ["South Koreans"]),
    ("KW", "Kuwait", True, [], ["Kuwaiti"], ["Kuwaitis"]),
    ("KG", "Kyrgyzstan", True, [], ["Kyrgyz"], []),
    ("LA", "Laos", True, [], ["Laotian", "Lao"], ["Laotians"]),
    ("LV", "Latvia", True, [], ["Latvian"], ["Latvians"]),
    ("LB", "Lebanon", True, [], ["Lebanese"], []),
    ("LS", "Lesotho", True, [], ["Basotho"], []),
    ("LR", "Liberia", True, [], ["Liberian"], ["Liberians"]),
    ("LY", "Libya", True, [], ["Libyan"], ["Libyans"]),
    ("LI", "Liechtenstein", True, [], [], []),
    ("LT", "Lithuania", True, [], ["Lithuanian"], ["Lithuanians"]),
    ("LU", "Luxembourg", True, [], ["Luxembourgish"], ["Luxembourgers"]),
    ("MG", "Madagascar", True, [], ["Malagasy"], []),
    ("MW", "Malawi", True, [], ["Malawian"], ["Malawians"]),
    ("MY", "Malaysia", True, [], ["Malaysian"], ["Malaysians"]),
    ("MV", "Maldives", True, [], ["Maldivian"], ["Maldivians"]),
    ("ML", "Mali", True, [], ["Malian"], ["Malians"]),
    ("MT", "Malta", True, [], ["Maltese"], []),
    ("MH", "Marshall Islands", True, [], ["Marshallese"], []),
    ("MR", "Mauritania", True, [], ["Mauritanian"], ["Mauritanians"]),
    ("MU", "Mauritius", True, [], ["Mauritian"], ["Mauritians"]),
    ("MX", "Mexico", True, [], ["Mexican"], ["Mexicans"]),
    ("FM", "Micronesia", True, ["Federated States of Micronesia"], ["Micronesian"], []),
    ("MD", "Moldova", True, [], ["Moldovan"], ["Moldovans"]),
    ("MC", "Monaco", True, [], ["Monegasque"], []),
    ("MN", "Mongolia", True, [], ["Mongolian"], ["Mongolians"]),
    ("ME", "Montenegro", True, [], ["Montenegrin"], ["Montenegrins"]),
    ("MA", "Morocco", True, [], ["Moroccan"], ["Moroccans"]),
    ("MZ", "Mozambique", True, [], ["Mozambican"], ["Mozambicans"]),
    ("MM", "Myanmar", True, ["Burma"], ["Burmese"], []),
    ("NA", "Namibia", True, [], ["Namibian"], ["Namibians"]),
    ("NR", "Nauru", True, [], ["Nauruan"], []),
    ("NP", "Nepal", True, [], ["Nepalese", "Nepali"], ["Nepalis"]),
    ("NL", "Netherlands", True, ["The Netherlands", "Holland"], ["Dutch"], ["Dutchman"]),
    ("NZ", "New Zealand", True, [], [], ["New Zealanders"]),
    ("NI", "Nicaragua", True, [], ["Nicaraguan"], ["Nicaraguans"]),
    ("NE", "Niger", True, [], ["Nigerien"], ["Nigeriens"]),
    ("NG", "Nigeria", True, [], ["Nigerian"], ["Nigerians"]),
    ("MK", "North Macedonia", True, ["Macedonia"], ["Macedonian"], ["Macedonians"]),
    ("NO", "Norway", True, [], ["Norwegian"], ["Norwegians"]),
    ("OM", "Oman", True, [], ["Omani"], ["Omanis"]),
    ("PK", "Pakistan", True, [], ["Pakistani"], ["Pakistanis"]),
    ("PW", "Palau", True, [], ["Palauan"], []),
    ("PA", "Panama", True, [], ["Panamanian"], ["Panamanians"]),
    ("PG", "Papua New Guinea", True, ["PNG"], [], []),
    ("PY", "Paraguay", True, [], ["Paraguayan"], ["Paraguayans"]),
    ("PE", "Peru", True, [], ["Peruvian"], ["Peruvians"]),
    ("PH", "Philippines", True, ["The Philippines"], ["Philippine", "Filipino"], ["Filipinos"]),
    ("PL", "Poland", True, [], ["Polish"], ["Poles"]),
    ("PT", "Portugal", True, [], ["Portuguese"], []),
    ("QA", "Qatar", True, [], ["Qatari"], ["Qataris"]),
    ("RO", "Romania", True, [], ["Romanian"], ["Romanians"]),
    ("RU", "Russia", True, ["Russian Federation"], ["Russian"], ["Russians"]),
    ("RW", "Rwanda", True, [], ["Rwandan"], ["Rwandans"]),
    ("KN", "Saint Kitts and Nevis", True, ["St Kitts and Nevis", "St. Kitts and Nevis"], [], []),
    ("LC", "Saint Lucia", True, ["St Lucia", "St. Lucia"], [], []),
    (
        "VC",
        "Saint Vincent and the Grenadines",
        True,
        ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
        [],
        [],
    ),
    ("WS", "Samoa", True, [], ["Samoan"], ["Samoans"]),
    ("SM", "San Marino", True, [], ["Sammarinese"], []),
    ("ST", "São Tomé and Príncipe", True, ["Sao Tome and Principe"], [], []),
    ("SA", "Saudi Arabia", True, [], ["Saudi"], ["Saudis"]),
    ("SN", "Senegal", True, [], ["Senegalese"], []),
    ("RS", "Serbia", True, [], ["Serbian"], ["Serbians", "Serbs"]),
    ("SC", "Seychelles", True, [], ["Seychellois"], []),
    ("SL", "Sierra Leone", True, [], ["Sierra Leonean"], ["Sierra Leoneans"]),
    ("SG", "Singapore", True, [], ["Singaporean"], ["Singaporeans"]),
    ("SK", "Slovakia", True, [], ["Slovak"], ["Slovaks"]),
    ("SI", "Slovenia", True, [], ["Slovenian", "Slovene"], ["Slovenians", "Slovenes"]),
    ("SB", "Solomon Islands", True, [], [], []),
    ("SO", "Somalia", True, [], ["Somali"], ["Somalis"]),
    ("ZA", "South Africa", True, [], ["South African"], ["South Africans"]),
    ("SS", "South Sudan", True, [], ["South Sudanese"], []),
    ("ES", "Spain", True, [], ["Spanish"], ["Spaniards"]),
    ("LK", "Sri Lanka", True, [], ["Sri Lankan"], ["Sri Lankans"]),
    ("SD", "Sudan", True, [], ["Sudanese"], []),
    ("SR", "Suriname", True, [], ["Surinamese"], []),
    ("SE", "Sweden", True, [], ["Swedish"], ["Swedes"]),
    ("CH", "Switzerland", True, [], ["Swiss"], []),
    ("SY", "Syria", True, [], ["Syrian"], ["Syrians"]),
    ("TJ", "Tajikistan", True, [], ["Tajik"], ["Tajiks"]),
    ("TZ", "Tanzania", True, [], ["Tanzanian"], ["Tanzanians"]),
    ("TH", "Thailand", True, [], ["Thai"], []),
    ("TL", "Timor-Leste", True, ["East Timor"], ["Timorese"], []),
    ("TG", "Togo", True, [], ["Togolese"], []),
    ("TO", "Tonga", True, [], ["Tongan"], ["Tongans"]),
    ("TT", "Trinidad and Tobago", True, [], ["Trinidadian"], ["Trinidadians"]),
    ("TN", "Tunisia", True, [], ["Tunisian"], ["Tunisians"]),
    ("TR", "Turkey", True, ["Türkiye", "Turkiye"], ["Turkish"], ["Turks"]),
    ("TM", "Turkmenistan", True, [], ["Turkmen"], []),
    ("TV", "Tuvalu", True, [], ["Tuvaluan"], []),
    ("UG", "Uganda", True, [], ["Ugandan"], ["Ugandans"]),
    ("UA", "Ukraine", True, [], ["Ukrainian"], ["Ukrainians"]),
    ("AE", "United Arab Emirates", True, ["UAE", "U.A.E.", "Emirates"], ["Emirati"], ["Emiratis"]),
    (
        "GB",
        "United Kingdom",
        True,
        [
            "UK",
            "U.K.",
            "Britain",
            "Great Britain",
            "United Kingdom of Great Britain and Northern Ireland",
        ],
        ["British"],
        ["Britons", "Brits"],
    ),
    (
        "US",
        "United States",
        True,
        ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
        ["American"],
        ["Americans"],
    ),
    ("UY", "Uruguay", True, [], ["Uruguayan"], ["Uruguayans"]),
    ("UZ", "Uzbekistan", True, [], ["Uzbek"], ["Uzbeks"]),
    ("VU", "Vanuatu", True, [], [], []),
    ("VE", "Venezuela", True, [], ["Venezuelan"], ["Venezuelans"]),
    ("VN", "Vietnam", True, ["Viet Nam"], ["Vietnamese"], []),
    ("YE", "Yemen", True, [], ["Yemeni"], ["Yemenis"]),
    ("ZM", "Zambia", True, [], ["Zambian"], ["Zambians"]),
    ("ZW", "Zimbabwe", True, [], ["Zimbabwean"], ["Zimbabweans"]),
    # Not UN members, but treated as countries in news copy.
    ("VA", "Vatican City", False, ["Holy See", "Vatican"], [], []),
    (
        "PS",
        "Palestine",
        False,
        ["State of Palestine", "Palestinian territories"],
        ["Palestinian"],
        ["Palestinians"],
    ),
    ("TW", "Taiwan", False, [], ["Taiwanese"], []),
    ("XK", "Kosovo", False, [], ["Kosovan", "Kosovar"], ["Kosovans", "Kosovars"]),
    ("HK", "Hong Kong", False, [], [], ["Hongkongers"]),
    ("MO", "Macau", False, ["Macao"], [], []),
    ("GL", "Greenland", False, [], ["Greenlandic"], ["Greenlanders"]),
    ("PR", "Puerto Rico", False, [], ["Puerto Rican"], ["Puerto Ricans"]),
    ("EH", "Western Sahara", False, [], ["Sahrawi"], ["Sahrawis"]),
    # Former states still named in copy about history.
    ("SU", "Soviet Union", False, ["USSR", "U.S.S.R."], ["Soviet"], ["Soviets"]),
    ("YU", "Yugoslavia", False, [], ["Yugoslav"], []),
    ("CS", "Czechoslovakia", False, [], ["Czechoslovak"], []),
]

# (name, country or None, aliases, adjectives). Regions, seas, sub-national units, big cities.
PLACES: list[tuple[str, str | None, list[str], list[str]]] = [
    ("Europe", None, [], ["European"]),
    ("Asia", None, [], ["Asian"]),
    ("Africa", None, [], ["African"]),
    ("North America", None, [], ["North American"]),
    ("South America", None, [], ["South American"]),
    ("Latin America", None, [], ["Latin American"]),
    ("Central America", None, [], ["Central American"]),
    ("Middle East", None, [], ["Middle Eastern"]),
    ("Eastern Europe", None, [], ["Eastern European"]),
    ("Western Europe", None, [], ["Western European"]),
    ("Central Europe", None, [], ["Central European"]),
    ("Balkans", None, [], ["Balkan"]),
    ("Caucasus", None, [], []),
    ("Central Asia", None, [], []),
    ("South Asia", None, [], []),
    ("Southeast Asia", None, ["South-East Asia"], []),
    ("Sahel", None, [], []),
    ("Caribbean", None, [], []),
    ("Arctic", None, [], []),
    ("Antarctica", None, [], ["Antarctic"]),
    ("Pacific", None, ["Pacific Ocean"], []),
    ("Atlantic", None, ["Atlantic Ocean"], []),
    ("Indian Ocean", None, [], []),
    ("Baltic Sea", None, [], []),
    ("Black Sea", None, [], []),
    ("North Sea", None, [], []),
    ("Red Sea", None, [], []),
    ("South China Sea", None, [], []),
    ("Mediterranean", None, ["Mediterranean Sea"], []),
    ("Persian Gulf", None, ["Gulf"], []),
    ("Korea", None, [], ["Korean"]),
    ("Korean Peninsula", None, [], []),
    ("England", "United Kingdom", [], []),
    ("Scotland", "United Kingdom", [], ["Scottish"]),
    ("Wales", "United Kingdom", [], ["Welsh"]),
    ("Northern Ireland", "United Kingdom", [], []),
    ("Crimea", "Ukraine", [], ["Crimean"]),
    ("Donbas", "Ukraine", ["Donbass"], []),
    ("Kaliningrad", "Russia", [], []),
    ("Siberia", "Russia", [], ["Siberian"]),
    ("Chechnya", "Russia", [], ["Chechen"]),
    ("Gaza", "Palestine", ["Gaza Strip"], []),
    ("West Bank", "Palestine", [], []),
    ("Golan Heights", None, [], []),
    ("Kashmir", None, [], ["Kashmiri"]),
    ("Tibet", "China", [], ["Tibetan"]),
    ("Xinjiang", "China", [], []),
    ("Catalonia", "Spain", [], ["Catalan"]),
    ("Bavaria", "Germany", [], ["Bavarian"]),
    ("Quebec", "Canada", [], []),
    ("Ontario", "Canada", [], []),
    ("Washington", "United States", ["Washington DC", "Washington D.C."], []),
    ("New York", "United States", ["New York City"], []),
    ("Los Angeles", "United States", [], []),
    ("Chicago", "United States", [], []),
    ("San Francisco", "United States", [], []),
    ("Silicon Valley", "United States", [], []),
    ("Wall Street", "United States", [], []),
    ("St Petersburg", "Russia", ["St. Petersburg", "Saint Petersburg"], []),
    ("Geneva", "Switzerland", [], []),
    ("Zurich", "Switzerland", [], []),
    ("Davos", "Switzerland", [], []),
    ("The Hague", "Netherlands", [], []),
    ("Milan", "Italy", [], []),
    ("Munich", "Germany", [], []),
    ("Frankfurt", "Germany", [], []),
    ("Hamburg", "Germany", [], []),
    ("Barcelona", "Spain", [], []),
    ("Manchester", "United Kingdom", [], []),
    ("Birmingham", "United Kingdom", [], []),
    ("Glasgow", "United Kingdom", [], []),
    ("Edinburgh", "United Kingdom", [], []),
    ("Cardiff", "United Kingdom", [], []),
    ("Belfast", "United Kingdom", [], []),
    ("Liverpool", "United Kingdom", [], []),
    ("Leeds", "United Kingdom", [], []),
    ("Kharkiv", "Ukraine", [], []),
    ("Odesa", "Ukraine", ["Odessa"], []),
    ("Lviv", "Ukraine", [], []),
    ("Mariupol", "Ukraine", [], []),
    ("Krakow", "Poland", ["Kraków", "Cracow"], []),
    ("Gdansk", "Poland", ["Gdańsk"], []),
    ("Shanghai", "China", [], []),
    ("Hong Kong Island", "Hong Kong", [], []),
    ("Mumbai", "India", ["Bombay"], []),
    ("Istanbul", "Turkey", [], []),
    ("Dubai", "United Arab Emirates", [], []),
    ("Sydney", "Australia", [], []),
    ("Melbourne", "Australia", [], []),
    ("Toronto", "Canada", [], []),
    ("Vancouver", "Canada", [], []),
    ("Montreal", "Canada", [], []),
    ("Rio de Janeiro", "Brazil", [], []),
    ("Sao Paulo", "Brazil", ["São Paulo"], []),
    ("Johannesburg", "South Africa", [], []),
    ("Cape Town", "South Africa", [], []),
    ("Lagos", "Nigeria", [], []),
    ("Osaka", "Japan", [], []),
    ("Tel Aviv", "Israel", [], []),
]

# US states, except Georgia (the country is the default reading) and Washington (listed above).
US_STATES = """Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware,
Florida, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland,
Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada,
New Hampshire, New Jersey, New Mexico, North Carolina, North Dakota, Ohio, Oklahoma, Oregon,
Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont,
Virginia, West Virginia, Wisconsin, Wyoming"""

# Organisations: (canonical, kind, aliases, country, members-group key or None)
ORGANISATIONS: list[tuple[str, str, list[str], str | None, str | None]] = [
    (
        "NATO",
        "organisation",
        [
            "North Atlantic Treaty Organization",
            "North Atlantic Treaty Organisation",
            "Nato",
            "North Atlantic Alliance",
        ],
        None,
        "NATO",
    ),
    ("European Union", "organisation", ["EU", "E.U."], None, "EU"),
    ("United Nations", "organisation", ["UN", "U.N."], None, None),
    (
        "UN Security Council",
        "organisation",
        ["United Nations Security Council", "U.N. Security Council", "Security Council"],
        None,
        None,
    ),
    (
        "UN General Assembly",
        "organisation",
        ["United Nations General Assembly", "General Assembly"],
        None,
        None,
    ),
    ("European Commission", "organisation", [], None, None),
    ("European Parliament", "organisation", [], None, None),
    ("European Council", "organisation", [], None, None),
    ("Council of Europe", "organisation", [], None, None),
    ("European Central Bank", "organisation", ["ECB"], None, None),
    ("International Monetary Fund", "organisation", ["IMF"], None, None),
    ("World Bank", "organisation", [], None, None),
    ("World Health Organization", "organisation", ["WHO", "World Health Organisation"], None, None),
    ("World Trade Organization", "organisation", ["WTO", "World Trade Organisation"], None, None),
    (
        "OECD",
        "organisation",
        [
            "Organisation for Economic Co-operation and Development",
            "Organization for Economic Cooperation and Development",
        ],
        None,
        None,
    ),
    ("OPEC", "organisation", ["Organization of the Petroleum Exporting Countries"], None, None),
    ("OSCE", "organisation", ["Organization for Security and Co-operation in Europe"], None, None),
    ("ASEAN", "organisation", ["Association of Southeast Asian Nations"], None, None),
    ("African Union", "organisation", [], None, None),
    ("Arab League", "organisation", [], None, None),
    ("Gulf Cooperation Council", "organisation", ["GCC"], None, "GCC"),
    ("International Atomic Energy Agency", "organisation", ["IAEA"], None, None),
    ("International Criminal Court", "organisation", ["ICC"], None, None),
    ("International Court of Justice", "organisation", ["ICJ"], None, None),
    ("International Committee of the Red Cross", "organisation", ["ICRC", "Red Cross"], None, None),
    ("UNICEF", "organisation", [], None, None),
    ("UNHCR", "organisation", [], None, None),
    ("Interpol", "organisation", [], None, None),
    ("Europol", "organisation", [], None, None),
    ("Frontex", "organisation", [], None, None),
    ("Amnesty International", "organisation", ["Amnesty"], None, None),
    ("Human Rights Watch", "organisation", ["HRW"], None, None),
    ("Greenpeace", "organisation", [], None, None),
    ("White House", "organisation", [], "United States", None),
    ("Pentagon", "organisation", [], "United States", None),
    (
        "State Department",
        "organisation",
        ["US State Department", "U.S. State Department"],
        "United States",
        None,
    ),
    ("Congress", "organisation", ["US Congress", "U.S. Congress"], "United States", None),
    ("Senate", "organisation", [], None, None),
    ("Federal Reserve", "organisation", ["Fed"], "United States", None),
    ("FBI", "organisation", [], "United States", None),
    ("CIA", "organisation", [], "United States", None),
    ("Kremlin", "organisation", [], "Russia", None),
    ("Downing Street", "organisation", ["Number 10", "No 10"], "United Kingdom", None),
    ("Bank of England", "organisation", [], "United Kingdom", None),
    ("Reuters", "organisation", [], None, None),
    ("Associated Press", "organisation", ["AP"], None, None),
    ("Agence France-Presse", "organisation", ["AFP"], None, None),
    ("BBC", "organisation", [], "United Kingdom", None),
    ("CNN", "organisation", [], "United States", None),
    ("Bloomberg", "organisation", [], None, None),
    ("Al Jazeera", "organisation", [], None, None),
    ("TASS", "organisation", ["Tass"], "Russia", None),
    ("Xinhua", "organisation", [], "China", None),
    ("Interfax", "organisation", [], "Russia", None),
    ("Politico", "organisation", [], None, None),
    ("Axios", "organisation", [], None, None),
    ("The Guardian", "organisation", ["Guardian"], None, None),
    ("The Economist", "organisation", ["Economist"], None, None),
    ("Telegram", "organisation", [], None, None),
    ("Facebook", "organisation", [], None, None),
    ("Twitter", "organisation", [], None, None),
    ("YouTube", "organisation", [], None, None),
    ("Google", "organisation", [], None, None),
    ("Microsoft", "organisation", [], None, None),
    ("Apple", "organisation", [], None, None),
    ("Amazon", "organisation", [], None, None),
]

# Well-defined groupings of countries (membership as of 2025).
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    # name: (aliases, members)
    "Baltic states": (
        ["Baltics", "Baltic countries", "Baltic nations", "Baltic republics", "Baltic"],
        ["Estonia", "Latvia", "Lithuania"],
    ),
    "Nordic countries": (
        ["Nordics", "Nordic states", "Nordic nations", "Nordic"],
        ["Denmark", "Finland", "Iceland", "Norway", "Sweden"],
    ),
    "Scandinavia": (
        ["Scandinavian countries", "Scandinavian"],
        ["Denmark", "Norway", "Sweden"],
    ),
    "Benelux": (["Benelux countries"], ["Belgium", "Netherlands", "Luxembourg"]),
    "Visegrad Group": (
        ["Visegrad Four", "Visegrád Group", "Visegrád Four", "V4"],
        ["Czech Republic", "Hungary", "Poland", "Slovakia"],
    ),
    "G7": (
        ["G-7", "Group of Seven"],
        ["Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States"],
    ),
    # The EU and the African Union are G20 members too; only countries are listed.
    "G20": (
        ["G-20", "Group of 20", "Group of Twenty"],
        [
            "Argentina",
            "Australia",
            "Brazil",
            "Canada",
            "China",
            "France",
            "Germany",
            "India",
            "Indonesia",
            "Italy",
            "Japan",
            "Mexico",
            "Russia",
            "Saudi Arabia",
            "South Africa",
            "South Korea",
            "Turkey",
            "United Kingdom",
            "United States",
        ],
    ),
    "EU": (
        [],
        [
            "Austria",
            "Belgium",
            "Bulgaria",
            "Croatia",
            "Cyprus",
            "Czech Republic",
            "Denmark",
            "Estonia",
            "Finland",
            "France",
            "Germany",
            "Greece",
            "Hungary",
            "Ireland",
            "Italy",
            "Latvia",
            "Lithuania",
            "Luxembourg",
            "Malta",
            "Netherlands",
            "Poland",
            "Portugal",
            "Romania",
            "Slovakia",
            "Slovenia",
            "Spain",
            "Sweden",
        ],
    ),
    # Bulgaria joins on 1 January 2026.
    "Eurozone": (
        ["euro zone", "Euro zone", "euro area"],
        [
            "Austria",
            "Belgium",
            "Croatia",
            "Cyprus",
            "Estonia",
            "Finland",
            "France",
            "Germany",
            "Greece",
            "Ireland",
            "Italy",
            "Latvia",
            "Lithuania",
            "Luxembourg",
            "Malta",
            "Netherlands",
            "Portugal",
            "Slovakia",
            "Slovenia",
            "Spain",
        ],
    ),
    "NATO": (
        [],
        [
            "Albania",
            "Belgium",
            "Bulgaria",
            "Canada",
            "Croatia",
            "Czech Republic",
            "Denmark",
            "Estonia",
            "Finland",
            "France",
            "Germany",
            "Greece",
            "Hungary",
            "Iceland",
            "Italy",
            "Latvia",
            "Lithuania",
            "Luxembourg",
            "Montenegro",
            "Netherlands",
            "North Macedonia",
            "Norway",
            "Poland",
            "Portugal",
            "Romania",
            "Slovakia",
            "Slovenia",
            "Spain",
            "Sweden",
            "Turkey",
            "United Kingdom",
            "United States",
        ],
    ),
    "Five Eyes": (
        [],
        ["Australia", "Canada", "New Zealand", "United Kingdom", "United States"],
    ),
    "AUKUS": ([], ["Australia", "United Kingdom", "United States"]),
    # Saudi Arabia was invited but has not confirmed membership; it is left out.
    "BRICS": (
        [],
        [
            "Brazil",
            "Russia",
            "India",
            "China",
            "South Africa",
            "Egypt",
            "Ethiopia",
            "Iran",
            "United Arab Emirates",
            "Indonesia",
        ],
    ),
    "GCC": (
        [],
        ["Bahrain", "Kuwait", "Oman", "Qatar", "Saudi Arabia", "United Arab Emirates"],
    ),
}

HISTORICAL = {"SU", "YU", "CS"}
# countryinfo capitals that are outdated, ambiguous or not how news copy names them ("" drops).
CAPITAL_FIXES = {
    "Washington D.C.": "",
    "Nur-Sultan": "Astana",
    "Victoria": "",
    "City of Victoria": "",
    "Vatican City State": "",
    "City of San Marino": "",
}
CAPITAL_ALIASES = {"Kyiv": ["Kiev"], "New Delhi": ["Delhi"], "Sana'a": ["Sanaa"]}
CONTESTED_CAPITALS = {"Jerusalem"}

_LATIN = re.compile(r"^[A-Za-z .,'’\-]+$")
_FORMAL = re.compile(
    r"^(Republic|Kingdom|State|Commonwealth|Principality|Grand Duchy|Federal Republic|"
    r"Islamic Republic|Democratic Republic|People's Republic|Sultanate|Federation|Union|"
    r"United Republic|Hashemite Kingdom|Arab Republic|Swiss Confederation|Independent State|"
    r"Socialist Republic|Co-operative Republic|Oriental Republic|Federative Republic|"
    r"Plurinational State|Bolivarian Republic|Democratic Socialist Republic|"
    r"Federal Democratic Republic|Lao People's Democratic Republic)\b"
)


def _countryinfo_by_iso() -> dict[str, dict]:
    try:
        import countryinfo
    except ImportError:  # the build still works, only without capitals and long names
        return {}
    out: dict[str, dict] = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (record.get("ISO") or {}).get("alpha2")
        if iso2 and isinstance(record.get("capital"), str):
            out.setdefault(iso2, record)
    return out


def main() -> None:
    info = _countryinfo_by_iso()
    countries = []
    places = []
    for iso2, name, un, aliases, adjectives, people in COUNTRIES:
        extra = info.get(iso2, {})
        long_names = [
            a.strip()
            for a in extra.get("altSpellings") or []
            if _LATIN.match(a.strip()) and _FORMAL.match(a.strip()) and "," not in a
        ]
        all_aliases = list(dict.fromkeys([*aliases, *long_names]))
        all_aliases = [a for a in all_aliases if a != name]
        countries.append(
            {
                "name": name,
                "iso2": iso2,
                "un_member": un,
                "aliases": all_aliases,
                "adjectives": adjectives,
                "people": people,
            }
        )
        capital = extra.get("capital")
        if iso2 in HISTORICAL or not isinstance(capital, str) or not capital:
            continue
        capital = CAPITAL_FIXES.get(capital, capital)
        if capital and capital != name:
            places.append(
                {
                    "name": capital,
                    # A contested capital gets no country rather than a side.
                    "country": None if capital in CONTESTED_CAPITALS else name,
                    "aliases": CAPITAL_ALIASES.get(capital, []),
                    "adjectives": [],
                }
            )
    for name, country, aliases, adjectives in PLACES:
        places.append(
            {"name": name, "country": country, "aliases": aliases, "adjectives": adjectives}
        )
    for state in (s.strip() for s in US_STATES.split(",")):
        places.append({"name": state, "country": "United States", "aliases": [], "adjectives": []})
    places = [p for p in places if p["name"] not in {c["name"] for c in countries}]

    country_names = {c["name"] for c in countries}
    for _name, (_aliases, members) in GROUPS.items():
        missing = [m for m in members if m not in country_names]
        assert not missing, missing
    groups = [
        {"name": name, "aliases": aliases, "members": members}
        for name, (aliases, members) in GROUPS.items()
    ]
    orgs = [
        {"name": n, "kind": k, "aliases": a, "country": c, "members_of": g}
        for n, k, a, c, g in ORGANISATIONS
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "_about": "Generated by bench/build_places.py; edit the tables there, not this file.",
        "countries": countries,
        "places": places,
        "groups": groups,
        "organisations": orgs,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries, {len(places)} places, {len(groups)} groups -> {OUT}")


if __name__ == "__main__":
    main()
