"""Synthetic news corpus for benchmarks.

``generate(n, seed)`` yields ``n`` article dicts (``id``, ``title``, ``text``, ``published``,
``source``, ``url``) of roughly 300-500 words each.  Every article is assembled from
project-written sentence templates filled with countries, people, places, dates, numbers and
verb phrases for all 16 PLOVER event types, in actual, negated, future and hypothetical
forms, with reported speech and background sentences so that word counts and sentence shapes
look like wire copy.  Output depends only on ``(n, seed)``: article ``i`` is built from its own
random stream, so ``generate(10)`` is a prefix of ``generate(2000)``.

The text is synthetic and makes no claim to be true; it exists to load the pipeline.

CLI::

    python bench/corpus.py N OUT.jsonl [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["generate", "main"]

_T = TypeVar("_T")

# --------------------------------------------------------------------------------------------
# Data: countries, people, places.  Leader names are used only as plausible fillers.


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str
    demonym: str
    capital: str
    cities: tuple[str, ...]
    leader_title: str
    leader: str
    region: str
    media: str  # state or main news agency
    seat: str  # metonym for the executive ("the Kremlin", "the Elysee")


def _c(name: str, iso3: str, demonym: str, capital: str, cities: str, title: str, leader: str, region: str,
       media: str, seat: str = "") -> Country:
    return Country(name, iso3, demonym, capital, tuple(cities.split("|")), title, leader, region,
                   media, seat or f"the {demonym} government")


COUNTRIES: tuple[Country, ...] = (
    _c("Russia", "RUS", "Russian", "Moscow", "St Petersburg|Kursk|Belgorod|Rostov-on-Don|Novorossiysk",
       "President", "Vladimir Putin", "eeu", "TASS", "the Kremlin"),
    _c("Ukraine", "UKR", "Ukrainian", "Kyiv", "Kharkiv|Odesa|Dnipro|Zaporizhzhia|Lviv|Mykolaiv",
       "President", "Volodymyr Zelenskiy", "eeu", "Ukrinform"),
    _c("China", "CHN", "Chinese", "Beijing", "Shanghai|Guangzhou|Xiamen|Shenzhen|Chengdu",
       "President", "Xi Jinping", "chn", "Xinhua", "Zhongnanhai"),
    _c("the United States", "USA", "U.S.", "Washington", "New York|San Diego|Honolulu|Norfolk|Chicago",
       "President", "Joe Biden", "nam", "the Associated Press", "the White House"),
    _c("Britain", "GBR", "British", "London", "Manchester|Portsmouth|Glasgow|Belfast|Bristol",
       "Prime Minister", "Keir Starmer", "weu", "the BBC", "Downing Street"),
    _c("France", "FRA", "French", "Paris", "Marseille|Lyon|Toulon|Bordeaux|Strasbourg",
       "President", "Emmanuel Macron", "weu", "AFP", "the Elysee"),
    _c("Germany", "DEU", "German", "Berlin", "Hamburg|Munich|Frankfurt|Cologne|Rostock",
       "Chancellor", "Olaf Scholz", "weu", "dpa"),
    _c("Turkey", "TUR", "Turkish", "Ankara", "Istanbul|Izmir|Gaziantep|Hatay|Diyarbakir",
       "President", "Tayyip Erdogan", "mea", "Anadolu"),
    _c("Iran", "IRN", "Iranian", "Tehran", "Isfahan|Bandar Abbas|Tabriz|Mashhad|Shiraz",
       "President", "Masoud Pezeshkian", "mea", "IRNA"),
    _c("Israel", "ISR", "Israeli", "Jerusalem", "Tel Aviv|Haifa|Ashkelon|Eilat|Beersheba",
       "Prime Minister", "Benjamin Netanyahu", "mea", "Kan"),
    _c("Egypt", "EGY", "Egyptian", "Cairo", "Alexandria|Port Said|Suez|Aswan|Ismailia",
       "President", "Abdel Fattah al-Sisi", "mea", "MENA"),
    _c("Saudi Arabia", "SAU", "Saudi", "Riyadh", "Jeddah|Dammam|Mecca|Tabuk|Jizan",
       "Crown Prince", "Mohammed bin Salman", "mea", "SPA"),
    _c("India", "IND", "Indian", "New Delhi", "Mumbai|Kolkata|Chennai|Srinagar|Bengaluru",
       "Prime Minister", "Narendra Modi", "sas", "Press Trust of India"),
    _c("Pakistan", "PAK", "Pakistani", "Islamabad", "Karachi|Lahore|Peshawar|Quetta|Multan",
       "Prime Minister", "Shehbaz Sharif", "sas", "APP"),
    _c("Afghanistan", "AFG", "Afghan", "Kabul", "Kandahar|Herat|Jalalabad|Khost|Mazar-i-Sharif",
       "Supreme Leader", "Hibatullah Akhundzada", "sas", "Bakhtar"),
    _c("Japan", "JPN", "Japanese", "Tokyo", "Osaka|Okinawa|Sapporo|Fukuoka|Yokosuka",
       "Prime Minister", "Fumio Kishida", "jpn", "Kyodo"),
    _c("South Korea", "KOR", "South Korean", "Seoul", "Busan|Incheon|Daegu|Pyeongtaek|Gwangju",
       "President", "Yoon Suk Yeol", "kor", "Yonhap"),
    _c("North Korea", "PRK", "North Korean", "Pyongyang", "Wonsan|Sinuiju|Hamhung|Kaesong|Nampo",
       "leader", "Kim Jong Un", "kor", "KCNA"),
    _c("the Philippines", "PHL", "Philippine", "Manila", "Cebu|Davao|Zamboanga|Puerto Princesa|Subic",
       "President", "Ferdinand Marcos Jr", "eas", "the Philippine News Agency", "Malacanang"),
    _c("Vietnam", "VNM", "Vietnamese", "Hanoi", "Ho Chi Minh City|Da Nang|Haiphong|Hue|Cam Ranh",
       "President", "To Lam", "eas", "VNA"),
    _c("Myanmar", "MMR", "Myanmar", "Naypyitaw", "Yangon|Mandalay|Lashio|Sittwe|Myawaddy",
       "junta chief", "Min Aung Hlaing", "eas", "MRTV"),
    _c("Sudan", "SDN", "Sudanese", "Khartoum", "Port Sudan|Omdurman|El Fasher|Nyala|Wad Madani",
       "army chief", "Abdel Fattah al-Burhan", "afr", "SUNA"),
    _c("Ethiopia", "ETH", "Ethiopian", "Addis Ababa", "Mekelle|Gondar|Bahir Dar|Dire Dawa|Hawassa",
       "Prime Minister", "Abiy Ahmed", "afr", "ENA"),
    _c("Kenya", "KEN", "Kenyan", "Nairobi", "Mombasa|Kisumu|Eldoret|Garissa|Nakuru",
       "President", "William Ruto", "afr", "KBC", "State House"),
    _c("Nigeria", "NGA", "Nigerian", "Abuja", "Lagos|Kano|Maiduguri|Port Harcourt|Kaduna",
       "President", "Bola Tinubu", "afr", "NAN"),
    _c("Mali", "MLI", "Malian", "Bamako", "Gao|Timbuktu|Kidal|Mopti|Sikasso",
       "junta leader", "Assimi Goita", "afr", "ORTM"),
    _c("the Democratic Republic of Congo", "COD", "Congolese", "Kinshasa",
       "Goma|Bukavu|Lubumbashi|Beni|Bunia",
       "President", "Felix Tshisekedi", "afr", "RTNC"),
    _c("Rwanda", "RWA", "Rwandan", "Kigali", "Gisenyi|Butare|Musanze|Rusizi|Nyagatare",
       "President", "Paul Kagame", "afr", "RBA"),
    _c("Brazil", "BRA", "Brazilian", "Brasilia", "Sao Paulo|Rio de Janeiro|Manaus|Boa Vista|Recife",
       "President", "Luiz Inacio Lula da Silva", "lam", "Agencia Brasil", "the Planalto palace"),
    _c("Venezuela", "VEN", "Venezuelan", "Caracas", "Maracaibo|Valencia|Ciudad Guayana|Barquisimeto|Merida",
       "President", "Nicolas Maduro", "lam", "VTV", "the Miraflores palace"),
    _c("Colombia", "COL", "Colombian", "Bogota", "Medellin|Cali|Cucuta|Cartagena|Barranquilla",
       "President", "Gustavo Petro", "lam", "RTVC", "the Casa de Narino"),
    _c("Mexico", "MEX", "Mexican", "Mexico City", "Tijuana|Monterrey|Guadalajara|Culiacan|Ciudad Juarez",
       "President", "Claudia Sheinbaum", "lam", "Notimex", "the National Palace"),
    _c("Poland", "POL", "Polish", "Warsaw", "Krakow|Gdansk|Rzeszow|Bialystok|Lublin",
       "Prime Minister", "Donald Tusk", "weu", "PAP"),
    _c("Serbia", "SRB", "Serbian", "Belgrade", "Novi Sad|Nis|Kragujevac|Raska|Subotica",
       "President", "Aleksandar Vucic", "weu", "Tanjug"),
    _c("Armenia", "ARM", "Armenian", "Yerevan", "Gyumri|Vanadzor|Goris|Jermuk|Kapan",
       "Prime Minister", "Nikol Pashinyan", "eeu", "Armenpress"),
    _c("Azerbaijan", "AZE", "Azerbaijani", "Baku", "Ganja|Sumgait|Lachin|Shusha|Nakhchivan",
       "President", "Ilham Aliyev", "eeu", "APA"),
    _c("Georgia", "GEO", "Georgian", "Tbilisi", "Batumi|Kutaisi|Gori|Zugdidi|Poti",
       "Prime Minister", "Irakli Kobakhidze", "eeu", "Georgian Public Broadcaster"),
    _c("Syria", "SYR", "Syrian", "Damascus", "Aleppo|Homs|Idlib|Deir al-Zor|Latakia",
       "President", "Bashar al-Assad", "mea", "SANA"),
    _c("Iraq", "IRQ", "Iraqi", "Baghdad", "Basra|Mosul|Erbil|Kirkuk|Fallujah",
       "Prime Minister", "Mohammed Shia al-Sudani", "mea", "INA"),
    _c("Lebanon", "LBN", "Lebanese", "Beirut", "Tyre|Sidon|Tripoli|Baalbek|Nabatieh",
       "Prime Minister", "Najib Mikati", "mea", "NNA"),
    _c("Yemen", "YEM", "Yemeni", "Sanaa", "Aden|Hodeidah|Marib|Taiz|Mukalla",
       "President", "Rashad al-Alimi", "mea", "Saba"),
    _c("Indonesia", "IDN", "Indonesian", "Jakarta", "Surabaya|Medan|Makassar|Jayapura|Bandung",
       "President", "Prabowo Subianto", "eas", "Antara"),
    _c("Australia", "AUS", "Australian", "Canberra", "Sydney|Darwin|Perth|Brisbane|Melbourne",
       "Prime Minister", "Anthony Albanese", "weu", "ABC"),
    _c("South Africa", "ZAF", "South African", "Pretoria", "Johannesburg|Cape Town|Durban|Polokwane",
       "President", "Cyril Ramaphosa", "afr", "SABC", "the Union Buildings"),
)

IGOS: tuple[tuple[str, str, str], ...] = (
    # full name, short name, head
    ("the United Nations", "the U.N.", "Secretary-General Antonio Guterres"),
    ("the U.N. Security Council", "the council", "the council's rotating president"),
    ("NATO", "the alliance", "Secretary-General Mark Rutte"),
    ("the European Union", "the EU", "foreign policy chief Kaja Kallas"),
    ("the African Union", "the AU", "Commission chairman Moussa Faki Mahamat"),
    ("the International Atomic Energy Agency", "the IAEA", "Director General Rafael Grossi"),
    ("the World Food Programme", "the WFP", "executive director Cindy McCain"),
    ("the International Committee of the Red Cross", "the ICRC", "president Mirjana Spoljaric"),
    ("the Association of Southeast Asian Nations", "ASEAN", "the group's secretary-general"),
    ("the Organization for Security and Co-operation in Europe", "the OSCE", "the OSCE chairman"),
    ("the World Health Organization", "the WHO", "Director-General Tedros Adhanom Ghebreyesus"),
    ("the International Monetary Fund", "the IMF", "Managing Director Kristalina Georgieva"),
)

FIRST = {
    "eeu": "Oleksandr|Dmitry|Sergei|Natalia|Irina|Andriy|Mikhail|Olena|Yulia|Anatoly|Tigran|Elnur|Nino"
           "|Giorgi",
    "weu": "Pierre|Anna|Thomas|Claire|Markus|Sophie|James|Katarzyna|Piotr|Lucia|Henrik|Milan|Olivia|Jean",
    "mea": "Ahmed|Mohammed|Layla|Omar|Fatima|Hassan|Yusuf|Mehmet|Ali|Reza|Noura|Karim|Dana|Avi",
    "chn": "Wei|Li|Jun|Hua|Ming|Xiaoling|Jian|Yan|Lei|Fang|Hong|Bo",
    "jpn": "Hiroshi|Yuki|Kenji|Haruka|Takeshi|Aiko|Daisuke|Naoko|Shinji|Emi",
    "kor": "Min-jun|Ji-woo|Hyun|Seo-yeon|Jae-sung|Eun-ji|Dong-hoon|Soo-jin|Young-ho",
    "eas": "Thanh|Maria|Jose|Aung|Siti|Budi|Linh|Ramon|Thiri|Dewi|Antonio|Mai|Kyaw|Rizal",
    "sas": "Rahul|Priya|Imran|Ayesha|Farhan|Sanjay|Zainab|Abdul|Vikram|Nadia|Arjun|Saima|Hamid|Deepa",
    "afr": "Amina|Kwame|Chinedu|Fatou|Abdullahi|Grace|Moussa|Aisha|Tesfaye|Wanjiru|Jean-Pierre|Ibrahim|Zodwa",
    "lam": "Carlos|Ana|Luis|Mariana|Jorge|Camila|Diego|Valentina|Pedro|Gabriela|Andres|Lucia|Rafael|Paula",
    "nam": "Michael|Sarah|David|Jennifer|Robert|Emily|John|Karen|Brian|Rachel|Matthew|Laura|Kevin|Megan",
}
LAST = {
    "eeu": "Kovalenko|Ivanov|Petrenko|Smirnova|Shevchenko|Volkov|Melnyk|Orlova|Bondarenko|Sargsyan|Mammadov"
           "|Beridze",
    "weu": "Dubois|Muller|Schmidt|Rossi|Kowalski|Nowak|Bernard|Fischer|Jansen|Lindqvist|Novak|Walsh|Martin",
    "mea": "Hassan|al-Masri|Yilmaz|Demir|Karimi|Haddad|Rahimi|Nasser|Cohen|Levi|Abdullah|Saleh|Kaya",
    "chn": "Zhang|Wang|Chen|Liu|Yang|Zhao|Huang|Zhou|Wu|Xu|Sun|Ma",
    "jpn": "Tanaka|Suzuki|Sato|Takahashi|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato",
    "kor": "Kim|Park|Lee|Choi|Jung|Kang|Cho|Yoon|Jang|Lim",
    "eas": "Nguyen|Santos|Reyes|Tun|Wijaya|Tran|Cruz|Win|Pratama|Le|Bautista|Maung|Hidayat",
    "sas": "Sharma|Khan|Patel|Qureshi|Singh|Ahmed|Malik|Iyer|Chaudhry|Rahman|Gupta|Hussain|Rao",
    "afr": "Okafor|Mensah|Diallo|Bello|Kamau|Tshabalala|Traore|Haile|Ndlovu|Mugisha|Otieno|Keita|Abebe",
    "lam": "Garcia|Rodriguez|Silva|Gomez|Fernandez|Lopez|Pereira|Torres|Ramirez|Castillo|Moreno|Oliveira",
    "nam": "Johnson|Miller|Davis|Thompson|Anderson|Clark|Lewis|Walker|Harris|Young|Wright|Scott|Baker",
}
FIRST_T = {k: tuple(v.split("|")) for k, v in FIRST.items()}
LAST_T = {k: tuple(v.split("|")) for k, v in LAST.items()}

SOURCES = ("Tacitus Bench Wire", "Northern Courier", "Global Wire", "Daily Ledger", "Continental Post",
           "Pacific Record", "Coastal Times", "Evening Standard-Bearer", "Frontier Gazette",
           "Meridian News", "The Observer Desk", "Capital Dispatch")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MON_ABBR = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

TOPICS = ("border security", "grain exports", "energy supplies", "a prisoner exchange", "water sharing",
          "fishing rights", "nuclear safety", "trade tariffs", "migration",
          "the reopening of border crossings",
          "debt relief", "a humanitarian corridor", "air defence", "port access", "critical minerals",
          "visa rules", "counter-terrorism", "the release of detained journalists", "electricity imports",
          "a railway link", "maritime boundaries", "refugee returns", "arms control", "cyber security")
AGREE_OBJ = ("extend a ceasefire by {n} days", "reopen {n} border crossings", "exchange {n} prisoners each",
             "set up a joint commission on {topic}", "resume direct flights",
             "hold a new round of talks next month",
             "restore full diplomatic relations", "cut tariffs on {n} categories of goods",
             "allow aid convoys through the corridor", "share data on {topic}")
REQ_OBJ = ("halt its military operations", "release the detained crew", "withdraw its forces",
           "open the border crossing", "return to the negotiating table",
           "allow inspectors access to the site",
           "stop the demolition of homes", "investigate the killings", "lift the blockade",
           "extradite the suspects", "pay compensation to the victims", "respect the ceasefire")
CHARGES = ("violating the ceasefire", "shelling civilian areas", "harbouring militants",
           "election interference",
           "spying on its officials", "smuggling weapons across the border", "blocking aid deliveries",
           "torturing detainees", "cyber attacks on its banks", "stoking ethnic tensions",
           "breaking a trade deal",
           "deliberately targeting journalists")
ITEMS = ("air defence systems", "emergency food aid", "fuel supplies", "financial assistance",
         "artillery shells",
         "medical supplies", "electricity generators", "debt relief", "armoured vehicles", "fighter jets")
POLICIES = ("tax increases", "election law", "security crackdown", "fuel price rises", "mining concessions",
            "media law", "pension reform", "border policy", "constitutional amendment", "land reform")
PRODUCTS = ("steel", "wheat", "fertiliser", "timber", "crude oil", "seafood", "wine", "coal", "electronics",
            "cotton")
FACILITIES = ("airport", "port", "railway station", "power plant", "oil refinery", "military airfield",
              "border crossing", "grain terminal", "police headquarters", "industrial zone")
SEAS = ("the Black Sea", "the Red Sea", "the South China Sea", "the Baltic Sea", "the Mediterranean",
        "the Sea of Japan", "the Gulf of Aden", "the Persian Gulf", "the Caribbean", "the Arabian Sea")
REBEL_ADJ = ("Popular", "National", "Democratic", "Revolutionary", "United", "Patriotic", "Free",
             "Liberation")
REBEL_NOUN = ("Front", "Army", "Movement", "Alliance", "Forces", "Brigades", "Resistance", "Council")
THINK_FIELD = ("Strategic", "Security", "Defence", "International", "Regional", "Policy", "Conflict")


# --------------------------------------------------------------------------------------------
# Event phrases: (past, base) per PLOVER type.  {R} recipient, {P} place, {n} number, {topic}...

PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "AGREE": (
        ("agreed with {R} to {agree_obj}", "agree with {R} to {agree_obj}"),
        ("signed an agreement with {R} on {topic}", "sign an agreement with {R} on {topic}"),
        ("reached a deal with {R} on {topic}", "reach a deal with {R} on {topic}"),
        ("accepted a proposal from {R} to {agree_obj}", "accept a proposal from {R} to {agree_obj}"),
        ("agreed to a ceasefire with {R}", "agree to a ceasefire with {R}"),
    ),
    "CONSULT": (
        ("held talks with {Rl} in {C}", "hold talks with {Rl} in {C}"),
        ("met {Rl} in {C}", "meet {Rl} in {C}"),
        ("hosted {R} for talks on {topic}", "host {R} for talks on {topic}"),
        ("spoke by telephone with {Rl} about {topic}", "speak by telephone with {Rl} about {topic}"),
        ("travelled to {C} for talks with {Rl}", "travel to {C} for talks with {Rl}"),
    ),
    "SUPPORT": (
        ("praised {R} for its handling of {topic}", "praise {R} for its handling of {topic}"),
        ("backed {R}'s proposal on {topic}", "back {R}'s proposal on {topic}"),
        ("expressed support for {R} in the dispute over {topic}",
         "express support for {R} in the dispute over {topic}"),
        ("endorsed {R}'s bid to join the regional trade bloc",
         "endorse {R}'s bid to join the regional trade bloc"),
        ("signed a memorandum of understanding with {R} on {topic}",
         "sign a memorandum of understanding with {R} on {topic}"),
    ),
    "CONCEDE": (
        ("eased restrictions on imports from {Rc}", "ease restrictions on imports from {Rc}"),
        ("released {n} detained nationals of {Rc}", "release {n} detained nationals of {Rc}"),
        ("lifted its ban on flights to {Rc}", "lift its ban on flights to {Rc}"),
        ("dropped its objection to {R}'s plan on {topic}", "drop its objection to {R}'s plan on {topic}"),
        ("returned {n} prisoners of war to {Rc}", "return {n} prisoners of war to {Rc}"),
    ),
    "COOPERATE": (
        ("held joint military exercises with {R} near {P}",
         "hold joint military exercises with {R} near {P}"),
        ("began joint patrols with {R} along their shared border",
         "begin joint patrols with {R} along their shared border"),
        ("extradited {n} suspects to {Rc}", "extradite {n} suspects to {Rc}"),
        ("opened a joint investigation with {R} into {topic}",
         "open a joint investigation with {R} into {topic}"),
        ("shared intelligence with {R} on {topic}", "share intelligence with {R} on {topic}"),
    ),
    "AID": (
        ("sent {n} tonnes of food aid to {Rc}", "send {n} tonnes of food aid to {Rc}"),
        ("delivered ${n} million in humanitarian assistance to {Rc}",
         "deliver ${n} million in humanitarian assistance to {Rc}"),
        ("provided {R} with {item}", "provide {R} with {item}"),
        ("dispatched a medical team of {n} doctors to {C}", "dispatch a medical team of {n} doctors to {C}"),
        ("pledged ${n} million in reconstruction aid to {Rc}",
         "pledge ${n} million in reconstruction aid to {Rc}"),
    ),
    "RETREAT": (
        ("withdrew its troops from {P}", "withdraw its troops from {P}"),
        ("pulled its forces back from positions around {P}",
         "pull its forces back from positions around {P}"),
        ("handed control of {P} to {R}", "hand control of {P} to {R}"),
        ("closed its military base near {P}", "close its military base near {P}"),
        ("evacuated its embassy staff from {C}", "evacuate its embassy staff from {C}"),
    ),
    "REQUEST": (
        ("called on {R} to {req_obj}", "call on {R} to {req_obj}"),
        ("asked {R} for {item}", "ask {R} for {item}"),
        ("urged {R} to {req_obj}", "urge {R} to {req_obj}"),
        ("appealed to {R} for {item}", "appeal to {R} for {item}"),
        ("demanded that {R} {req_obj}", "demand that {R} {req_obj}"),
    ),
    "ACCUSE": (
        ("accused {R} of {charge}", "accuse {R} of {charge}"),
        ("blamed {R} for the attack on {P}", "blame {R} for the attack on {P}"),
        ("condemned {R} for {charge}", "condemn {R} for {charge}"),
        ("criticised {R} over {topic}", "criticise {R} over {topic}"),
    ),
    "REJECT": (
        ("rejected {R}'s proposal on {topic}", "reject {R}'s proposal on {topic}"),
        ("turned down a request from {R} for {item}", "turn down a request from {R} for {item}"),
        ("dismissed {R}'s demand to {req_obj}", "dismiss {R}'s demand to {req_obj}"),
        ("refused to meet envoys from {Rc}", "refuse to meet envoys from {Rc}"),
        ("vetoed a resolution drafted by {R}", "veto a resolution drafted by {R}"),
    ),
    "THREATEN": (
        ("threatened {R} with retaliation", "threaten {R} with retaliation"),
        ("warned {R} of \"serious consequences\" over {topic}",
         "warn {R} of \"serious consequences\" over {topic}"),
        ("threatened to cut off {product} exports to {Rc}", "threaten to cut off {product} exports to {Rc}"),
        ("issued an ultimatum to {R} over {topic}", "issue an ultimatum to {R} over {topic}"),
        ("vowed to strike back at {R}", "vow to strike back at {R}"),
    ),
    "PROTEST": (
        ("rallied in {C} against {R}'s {policy}", "rally in {C} against {R}'s {policy}"),
        ("marched through {C} to protest against the {policy}",
         "march through {C} to protest against the {policy}"),
        ("staged a sit-in outside the {facility} in {C}", "stage a sit-in outside the {facility} in {C}"),
        ("went on strike over the government's {policy}", "go on strike over the government's {policy}"),
        ("blocked roads into {C} in protest at the {policy}",
         "block roads into {C} in protest at the {policy}"),
    ),
    "SANCTION": (
        ("imposed sanctions on {R}", "impose sanctions on {R}"),
        ("froze the assets of {n} officials from {Rc}", "freeze the assets of {n} officials from {Rc}"),
        ("expelled {n} diplomats from {Rc}", "expel {n} diplomats from {Rc}"),
        ("banned imports of {product} from {Rc}", "ban imports of {product} from {Rc}"),
        ("recalled its ambassador to {Rc}", "recall its ambassador to {Rc}"),
    ),
    "MOBILIZE": (
        ("deployed {n} troops to {P}", "deploy {n} troops to {P}"),
        ("put its forces near {P} on high alert", "put its forces near {P} on high alert"),
        ("called up {n} reservists", "call up {n} reservists"),
        ("moved armoured units towards {P}", "move armoured units towards {P}"),
        ("sent {n} warships to {sea}", "send {n} warships to {sea}"),
    ),
    "COERCE": (
        ("arrested {n} nationals of {Rc} in {C}", "arrest {n} nationals of {Rc} in {C}"),
        ("detained {n} opposition activists in {C}", "detain {n} opposition activists in {C}"),
        ("seized a cargo ship from {Rc} near {P}", "seize a cargo ship from {Rc} near {P}"),
        ("imposed a curfew on {C}", "impose a curfew on {C}"),
        ("raided the offices of an independent newspaper in {C}",
         "raid the offices of an independent newspaper in {C}"),
    ),
    "ASSAULT": (
        ("shelled {P}", "shell {P}"),
        ("launched drone strikes on {P}", "launch drone strikes on {P}"),
        ("carried out air strikes on positions held by {R} near {P}",
         "carry out air strikes on positions held by {R} near {P}"),
        ("attacked a military convoy from {Rc} near {P}", "attack a military convoy from {Rc} near {P}"),
        ("fired {n} missiles at {P}", "fire {n} missiles at {P}"),
    ),
}
TYPES = tuple(PHRASES)

# Which kind of actor fits each type: leader, gov, mil, police, crowd, igo, rebel
ACTOR_KINDS = {
    "AGREE": ("leader", "gov", "fm"), "CONSULT": ("leader", "fm", "igo"), "SUPPORT": ("leader", "gov", "igo"),
    "CONCEDE": ("gov", "leader"), "COOPERATE": ("mil", "gov", "police"), "AID": ("gov", "igo"),
    "RETREAT": ("mil", "rebel"), "REQUEST": ("leader", "fm", "igo"), "ACCUSE": ("fm", "gov", "media",
                                                                                "rebel"),
    "REJECT": ("gov", "fm", "leader"), "THREATEN": ("leader", "mil", "media"), "PROTEST": ("crowd",),
    "SANCTION": ("gov", "igo"), "MOBILIZE": ("mil",), "COERCE": ("police", "gov"), "ASSAULT": ("mil",
                                                                                               "rebel"),
}
_STATE_TYPES = tuple(t for t, kinds in ACTOR_KINDS.items() if "gov" in kinds or "leader" in kinds)
REACTIONS = {
    "ASSAULT": ("ACCUSE", "THREATEN", "REQUEST"), "SANCTION": ("REJECT", "THREATEN", "ACCUSE"),
    "COERCE": ("ACCUSE", "REQUEST", "SANCTION"), "MOBILIZE": ("ACCUSE", "REQUEST", "THREATEN"),
    "THREATEN": ("REJECT", "MOBILIZE", "ACCUSE"), "ACCUSE": ("REJECT",), "REQUEST": ("REJECT", "AGREE",
                                                                                     "CONCEDE"),
    "REJECT": ("ACCUSE", "THREATEN"), "PROTEST": ("COERCE", "CONCEDE", "REJECT"), "AGREE": ("SUPPORT",
                                                                                            "CONSULT"),
    "CONSULT": ("SUPPORT", "AGREE"), "SUPPORT": ("SUPPORT", "CONSULT"), "CONCEDE": ("SUPPORT", "REQUEST"),
    "COOPERATE": ("SUPPORT", "ACCUSE"), "AID": ("SUPPORT", "REQUEST"), "RETREAT": ("SUPPORT", "ACCUSE"),
}
HEADLINE = {  # {s}/{es}: verb endings, empty for plural subjects ("Rebels accuse ...")
    "AGREE": ("{A} and {B} agree on {topic}", "{A}, {B} strike deal on {topic}"),
    "CONSULT": ("{A} and {B} hold talks on {topic}", "{A} meet{s} {B} as talks focus on {topic}"),
    "SUPPORT": ("{A} voice{s} support for {B} on {topic}", "{A} back{s} {B} in {topic} dispute"),
    "CONCEDE": ("{A} ease{s} stance toward {B}", "{A} make{s} concession to {B} on {topic}"),
    "COOPERATE": ("{A} and {B} step up cooperation on {topic}", "{A}, {B} launch joint effort"),
    "AID": ("{A} send{s} aid to {B}", "{A} pledge{s} help for {B}"),
    "RETREAT": ("{A} pull{s} back forces near {P}", "{A} withdraw{s} from {P}"),
    "REQUEST": ("{A} urge{s} {B} to act on {topic}", "{A} appeal{s} to {B} for help"),
    "ACCUSE": ("{A} accuse{s} {B} over {topic}", "{A} blame{s} {B} as tensions rise"),
    "REJECT": ("{A} reject{s} {B}'s demands", "{A} rebuff{s} {B} on {topic}"),
    "THREATEN": ("{A} warn{s} {B} of consequences", "{A} threaten{s} {B} over {topic}"),
    "PROTEST": ("Thousands protest in {P}", "Protesters take to streets of {P}"),
    "SANCTION": ("{A} impose{s} new sanctions on {B}", "{A} punish{es} {B} with sanctions"),
    "MOBILIZE": ("{A} move{s} troops toward {P}", "{A} put{s} forces on alert near {P}"),
    "COERCE": ("{A} detain{s} dozens in {P}", "Crackdown in {P} as {A} tighten{s} grip"),
    "ASSAULT": ("{A} strike{s} {P}; {n} reported dead", "Attack on {P} kills {n}"),
}
QUOTES = {
    "hard": ("We will not allow anyone to threaten our security", "Those responsible will be held to account",
             "This is a flagrant violation of international law", "Our patience has limits",
             "Every option remains on the table", "We are ready to defend every metre of our land"),
    "soft": ("This is an important step for both our peoples", "Dialogue is the only way forward",
             "We have opened a new chapter in our relations", "There is still a lot of work to do",
             "We hope the other side will keep its promises", "Nobody wins from this conflict"),
}
FILLER = (
    "{X}'s central bank raised its main interest rate by {d}5 basis points in {month}.",
    "Trade between {X} and {Y} reached ${b} billion in {year}, according to official figures.",
    "The two countries established diplomatic relations in {year2}.",
    "{X}'s economy grew {pct} percent last year, slower than the government had forecast.",
    "Inflation in {X} stood at {pct} percent in {month}, the central bank said.",
    "{city} lies about {km} km from {capital} and is home to roughly {k},000 people.",
    "Relations between {X} and {Y} have been strained since {year2}, when a dispute over {topic} broke out.",
    "Analysts at the {think} said the episode showed how quickly tensions could escalate.",
    "\"It is too early to say whether this will last,\" said {person}, a researcher at the {think}.",
    "{person}, a former diplomat, said both sides had an interest in avoiding a wider confrontation.",
    "The region has seen {m} similar incidents since {year2}, according to a tally kept by the {think}.",
    "More than {k},000 people have been displaced from the area since the start of the year, "
    "aid agencies say.",
    "Local markets in {city} reopened on {weekday2} after being closed for {d} days.",
    "Shares on the {X_adj} stock exchange fell {pct} percent in early trading.",
    "The currency weakened to a record low of {fx} against the dollar.",
    "A previous round of talks in {city2} ended in {month} without a joint statement.",
    "The government has promised to hold elections in {year3}, but no date has been set.",
    "Residents of {city} told reporters that power cuts had lasted up to {d} hours a day.",
    "The {X_adj} parliament is due to debate the issue on {weekday2}, {d} days later than planned.",
    "Opinion polls published in {month} showed {pct2} percent of {X_adj} voters opposed the policy.",
    "{X} is one of the world's largest exporters of {product}.",
    "The area around {city} produces about {pct2} percent of the country's {product}.",
    "Officials said {m} people had been injured, {d} of them seriously.",
    "Satellite images taken on {weekday2} showed damage to at least {m} buildings.",
    "The {X_adj} defence budget rose by {pct} percent this year to ${b} billion.",
    "Human rights groups say at least {k},{m:03d} people have been detained since {year2}.",
    "{person} of the {think} said the decision was driven mainly by domestic politics.",
    "The road between {city} and {city2} has been closed to civilian traffic for {d} weeks.",
    "According to the World Bank, about {pct2} percent of {X_adj} households live below the poverty line.",
    "The last time leaders of the two countries met was in {year2} in {city2}.",
    "Diplomats in {capital} said privately that a breakthrough was unlikely before {month_next}.",
    "The {X_adj} foreign ministry summoned the {Y_adj} ambassador for the {ordinal} time this year.",
    "Ferry services between {city} and the coast were suspended for {d} days because of bad weather.",
    "The World Food Programme estimates that {m}.{d} million people in the region need food assistance.",
    "Independent journalists have limited access to {city}, making casualty figures hard to verify.",
    "The dispute has also affected shipping, with insurance premiums rising by {pct} percent.",
)
LEADER_SHORT = {  # how a second mention reads when it is not the last word of the name
    "Yoon Suk Yeol": "Yoon", "Xi Jinping": "Xi", "Kim Jong Un": "Kim", "Min Aung Hlaing": "Min Aung Hlaing",
    "Ferdinand Marcos Jr": "Marcos", "Luiz Inacio Lula da Silva": "Lula",
    "Mohammed bin Salman": "Prince Mohammed",
    "Abdel Fattah al-Sisi": "Sisi", "Bashar al-Assad": "Assad", "Mohammed Shia al-Sudani": "Sudani",
    "Abdel Fattah al-Burhan": "Burhan", "Rashad al-Alimi": "Alimi", "To Lam": "Lam",
}
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh")


# --------------------------------------------------------------------------------------------
# Assembly

_PLURAL_HEADS = frozenset(
    ("forces", "troops", "protesters", "workers", "demonstrators", "supporters", "farmers", "police",
     "rebels"))
_LOWER_STARTS = frozenset(("The", "A", "An", "Tens", "Thousands", "About", "Opposition", "Fighters",
                           "Officials"))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _decap(s: str) -> str:
    """Lower-case a sentence start unless it is a name ("Russia", "Kim Jong Un")."""
    first = s.split(" ", 1)[0]
    return s[:1].lower() + s[1:] if first in _LOWER_STARTS else s


class _Article:
    """Builds one article from its own random stream."""

    def __init__(self, rng: random.Random, published: dt.date):
        self.r = rng
        self.pub = published
        self.persons: set[str] = set()  # person actors' mentions: "its troops" reads "the troops" for them

    # --- small helpers -------------------------------------------------------------------
    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[self.r.randrange(len(seq))]

    def person(self, region: str) -> str:
        return f"{self.pick(FIRST_T[region])} {self.pick(LAST_T[region])}"

    def number(self, lo: int = 2, hi: int = 400) -> str:
        n = self.r.randint(lo, hi)
        if n <= 10 and self.r.random() < 0.5:
            return SMALL[n]
        return f"{n:,}"

    def think_tank(self, c: Country) -> str:
        city = self.pick((c.capital,) + c.cities)
        return f"{city} Institute for {self.pick(THINK_FIELD)} Studies"

    # --- dates ------------------------------------------------------------------------------
    def _md(self, d: dt.date, style: int | None = None) -> str:
        style = self.r.randrange(3) if style is None else style
        if style == 0:
            return f"{MON_ABBR[d.month - 1]} {d.day}"
        if style == 1:
            return f"{d.day} {MONTHS[d.month - 1]}"
        return f"{MONTHS[d.month - 1]} {d.day}"

    def _range(self, d: dt.date, e: dt.date, joiner: tuple[str, str]) -> str:
        style = self.r.randrange(3)
        if d.month == e.month and style != 1 and self.r.random() < 0.5:
            return f"{joiner[0]} {self._md(d, style)} {joiner[1]} {e.day}"
        return f"{joiner[0]} {self._md(d, style)} {joiner[1]} {self._md(e, style)}"

    def past_date(self, single_day: bool = False) -> str:
        back = self.pick((0, 0, 0, 1, 1, 2, 3, 4, 6) if single_day else (0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 15))
        d = self.pub - dt.timedelta(days=back)
        wd = WEEKDAYS[d.weekday()]
        roll = self.r.random()
        if back == 0:
            return self.pick((f"on {wd}", f"on {wd}", "earlier today", f"late on {wd}", f"on {wd} morning"))
        if back == 1:
            return self.pick(("yesterday", f"on {wd}", f"late on {wd}",
                              f"overnight into {WEEKDAYS[self.pub.weekday()]}"))
        if back < 7:
            return f"on {wd}" if roll < 0.6 else f"on {wd}, {self._md(d)}"
        if roll < 0.5:
            return f"on {self._md(d)}"
        if roll < 0.8:
            return self._range(d, d + dt.timedelta(days=self.r.randint(1, 3)), ("between", "and"))
        return "last week" if back < 14 else f"earlier in {MONTHS[d.month - 1]}"

    def future_date(self) -> str:
        ahead = self.pick((1, 2, 3, 5, 8, 12, 20, 35))
        d = self.pub + dt.timedelta(days=ahead)
        if ahead == 1:
            return self.pick(("tomorrow", f"on {WEEKDAYS[d.weekday()]}"))
        if ahead < 7:
            return f"on {WEEKDAYS[d.weekday()]}"
        if ahead < 14 and self.r.random() < 0.4:
            return "next week"
        if self.r.random() < 0.3:
            return self._range(d, d + dt.timedelta(days=self.r.randint(2, 10)), ("from", "to"))
        return f"on {self._md(d)}"

    # --- actors -----------------------------------------------------------------------------
    def actor(self, kind: str, c: Country) -> tuple[str, str]:
        """(first mention, short mention) for an actor of ``kind`` from country ``c``."""
        if kind == "leader":
            full, short = f"{c.demonym} {c.leader_title} {c.leader}", LEADER_SHORT.get(c.leader,
                                                                                       c.leader.split()[-1])
            self.persons.update((full, short))
            return full, short
        if kind == "fm":
            p = self.person(c.region)
            full, short = f"{c.demonym} Foreign Minister {p}", p.split()[-1]
            self.persons.update((full, short))
            return full, short
        if kind == "gov":
            return self.pick(((c.name, c.name), (c.capital, c.capital), (c.seat, c.seat),
                              (f"the {c.demonym} government", "the government")))
        if kind == "mil":
            return self.pick(((f"{c.demonym} forces", "the forces"), (f"the {c.demonym} army", "the army"),
                              (f"{c.demonym} troops", "the troops"), (f"the {c.demonym} military",
                                                                      "the military")))
        if kind == "police":
            return self.pick(((f"{c.demonym} police", "police"), (f"{c.demonym} security forces",
                                                                  "security forces"),
                              (f"the {c.demonym} interior ministry", "the ministry")))
        if kind == "crowd":
            n = self.number(2, 90)
            return self.pick(((f"Tens of thousands of {c.demonym} protesters", "the protesters"),
                              (f"Thousands of {c.demonym} workers", "the workers"),
                              (f"About {n},000 demonstrators", "the demonstrators"),
                              ("Opposition supporters", "opposition supporters"),
                              (f"{c.demonym} farmers and truck drivers", "the farmers")))
        if kind == "igo":
            full, short, _ = self.pick(IGOS)
            return full[0].upper() + full[1:], short
        if kind == "rebel":
            name = f"{self.pick(REBEL_ADJ)} {self.pick(REBEL_NOUN)} of {c.name.removeprefix('the ')}"
            return f"fighters from the {name}", "the rebels"
        if kind == "media":
            return f"{c.demonym} state media", c.media
        raise ValueError(kind)

    def recipient(self, c: Country) -> str:
        return self.pick((c.name, c.name, c.capital, c.seat, f"the {c.demonym} government"))

    # --- sentences ---------------------------------------------------------------------------
    def fill(self, template: str, rc: Country, place: str) -> str:
        city = place.rsplit(" ", 1)[-1] if place.startswith(("the ", "villages")) else place
        return template.format(
            R=self.recipient(rc), Rc=rc.name, Rl=f"{rc.demonym} {rc.leader_title} {rc.leader}",
            P=place, C=city, n=self.number(),
            topic=self.pick(TOPICS),
            agree_obj=self.pick(AGREE_OBJ).format(n=self.number(2, 40), topic=self.pick(TOPICS)),
            req_obj=self.pick(REQ_OBJ), charge=self.pick(CHARGES), item=self.pick(ITEMS),
            policy=self.pick(POLICIES),
            product=self.pick(PRODUCTS), facility=self.pick(FACILITIES), sea=self.pick(SEAS),
        )

    def place(self, c: Country) -> str:
        city = self.pick(c.cities)
        roll = self.r.random()
        if roll < 0.15:
            return f"the {self.pick(FACILITIES)} in {city}"
        if roll < 0.25:
            return f"villages outside {city}"
        return city

    def event(self, etype: str, a: str, rc: Country, place: str, modality: str) -> str:
        past, base = self.pick(PHRASES[etype])
        plural = a.rsplit(" ", 1)[-1] in _PLURAL_HEADS or a.lower().startswith("fighters")
        if plural or a in self.persons or " of the " in a or a.startswith("Secretary-General"):
            pron = " their " if plural else " the "
            past, base = past.replace(" its ", pron), base.replace(" its ", pron)
        if modality == "future":
            aux = self.pick(("will", "are expected to", "plan to") if plural else ("will", "is expected to",
                                                                                   "plans to"))
            return f"{a} {aux} {self.fill(base, rc, place)} {self.future_date()}"
        if modality == "actual":
            return f"{a} {self.fill(past, rc, place)} {self.past_date()}"
        if modality == "negated":
            neg = self.pick(("did not", "did not", "refused to", "failed to"))
            return f"{a} {neg} {self.fill(base, rc, place)} {self.past_date()}"
        aux = self.pick(("could", "may", "might", "would be ready to"))
        return f"{a} {aux} {self.fill(base, rc, place)}"

    def attribute(self, clause: str, src: str, cue: str = "") -> str:
        form = self.r.random()
        clause = _cap(clause)
        if form < 0.35:
            cues = ("said", "told reporters") if src.startswith("spokesperson") else ("said", "reported",
                                                                                      "said on its website")
            return f"{clause}, {src} {cue or self.pick(cues)}."
        if form < 0.6:
            return f"According to {src}, {_decap(clause)}."
        if form < 0.8:
            return f"{_cap(src)} said that {_decap(clause)}."
        return f"{clause}."

    def filler(self, template: str, x: Country, y: Country) -> str:
        r = self.r
        year = self.pub.year
        month_next = MONTHS[(self.pub.month + r.randint(0, 3)) % 12]
        return _cap(template.format(
            X=x.name, Y=y.name, X_adj=x.demonym, Y_adj=y.demonym,
b=f"{r.uniform(0.4, 180):.1f}", year=year - 1, year2=r.randint(1960, year - 1),
            year3=year + r.randint(1, 3), pct=f"{r.uniform(0.3, 14):.1f}", pct2=r.randint(8, 78),
            month=MONTHS[(self.pub.month - 2) % 12], month_next=month_next, city=self.pick(x.cities),
            city2=self.pick(y.cities), capital=x.capital, km=r.randint(20, 900), k=r.randint(2, 480),
            think=self.think_tank(x), person=self.person(x.region), m=r.randint(3, 95), d=r.randint(2, 9),
            weekday2=self.pick(WEEKDAYS), fx=f"{r.uniform(1.2, 9000):,.2f}", product=self.pick(PRODUCTS),
            ordinal=self.pick(ORDINALS), topic=self.pick(TOPICS),
        ))

    # --- the article -------------------------------------------------------------------------
    def closing(self, ac: Country, rc: Country) -> str:
        when = self.future_date()
        return self.pick((
            f"Talks between {ac.name} and {rc.name} are expected to resume {when}.",
            f"{ac.leader_title} {ac.leader} will travel to {rc.capital} {when}, officials said.",
            f"Envoys from both sides are due to meet in {self.pick(COUNTRIES).capital} {when}.",
            f"The {ac.demonym} parliament will hold a special session on the crisis {when}.",
            f"{rc.demonym} officials said they could respond further once the investigation was complete.",
            f"It was not clear whether {rc.name} would accept the offer.",
        ))

    def build(self) -> tuple[str, str]:
        r = self.r
        ac, rc = r.sample(COUNTRIES, 2)
        third = self.pick(COUNTRIES)
        etype = self.pick(TYPES)
        kind = self.pick(ACTOR_KINDS[etype])
        a_full, a_short = self.actor(kind, ac)
        ev_rc = rc
        target_country = ac
        if etype in ("ASSAULT", "MOBILIZE", "RETREAT"):
            target_country = rc
        if kind == "rebel" or etype == "PROTEST":  # a country's own rebels or crowds face their own state
            ev_rc = target_country = ac
        place = self.place(target_country)
        dateline_city = self.pick((ac.capital, rc.capital, self.pick(ac.cities)))
        paras: list[list[str]] = []

        lead = self.event(etype, a_full, ev_rc, place, "actual")
        lead = self.attribute(lead, self.pick((ac.media, rc.media, "officials", "witnesses",
                                               "a government statement")))
        paras.append([f"{dateline_city.upper()}, {MON_ABBR[self.pub.month - 1]} {self.pub.day} - {lead}"])

        # details and a quote from the actor's side
        spokes = self.person(ac.region)
        quote = self.pick(QUOTES["hard" if etype in ("ASSAULT", "THREATEN", "SANCTION", "ACCUSE", "MOBILIZE",
                                                     "COERCE", "REJECT") else "soft"])
        again = self.event(etype, _cap(a_short), ev_rc, self.place(target_country),
                           self.pick(("actual", "future", "hypothetical")))
        paras.append([
            self.attribute(again, f"spokesperson {spokes}"),
            f"\"{quote},\" {spokes} told reporters in {ac.capital} {self.past_date(single_day=True)}.",
        ])

        # reaction by the other state (to a foreign actor, or to unrest inside the actor's country)
        rtype = self.pick(REACTIONS[etype])
        r_full, _ = self.actor(self.pick(ACTOR_KINDS[rtype]), rc)
        reaction = self.event(rtype, r_full, ac, self.place(ac), self.pick(("actual", "actual", "negated",
                                                                            "future")))
        paras.append([self.attribute(reaction, self.pick((rc.media, f"a statement from {rc.seat}",
                                                          f"{rc.demonym} officials")))])

        # a third party: an IGO or another state, often future or hypothetical
        if r.random() < 0.7:
            full, short, head = self.pick(IGOS)
            who = _cap(full) if head.startswith("the ") else f"{_cap(head)} of {full}"
            t_type = self.pick(("REQUEST", "CONSULT", "AID", "SUPPORT", "REQUEST"))
            clause = self.event(t_type, who, ac, self.place(rc), self.pick(("actual", "future",
                                                                            "hypothetical")))
            paras.append([self.attribute(clause, short)])
        else:
            t_type = self.pick(("SANCTION", "SUPPORT", "CONSULT", "AID", "ACCUSE"))
            t_full, _ = self.actor(self.pick(("leader", "fm", "gov")), third)
            clause = self.event(t_type, t_full, ac, self.place(rc), self.pick(("hypothetical", "negated",
                                                                               "future")))
            paras.append([self.attribute(clause, f"{third.demonym} officials")])

        # background until the word target is reached; no filler template twice in one article
        target = r.randint(300, 500)
        words = sum(len(s.split()) for p in paras for s in p)
        order = r.sample(range(len(FILLER)), len(FILLER))
        body: list[str] = []
        size = r.randint(2, 4)
        while words < target - 25 and order:
            if r.random() < 0.15:
                speaker = self.actor(self.pick(("gov", "leader")), ac)[0]
                sent = self.attribute(
                    self.event(self.pick(_STATE_TYPES), speaker, rc, self.place(self.pick((ac, rc))),
                               self.pick(("negated", "future", "hypothetical", "actual"))),
                    self.pick(("officials", ac.media, "diplomats")))
            else:
                x, y = (ac, rc) if r.random() < 0.5 else (rc, ac)
                sent = self.filler(FILLER[order.pop()], x, y)
            body.append(sent)
            words += len(sent.split())
            if len(body) >= size:
                paras.append(body)
                body, size = [], r.randint(2, 4)
        if body:
            paras.append(body)
        paras.append([self.closing(ac, rc)])

        text = "\n\n".join(" ".join(p) for p in paras) + "\n"
        a_head = {"igo": _cap(a_short), "rebel": "Rebels", "mil": f"{ac.demonym} forces",
                  "police": f"{ac.demonym} police",
                  "media": f"{ac.demonym} state media"}.get(kind, ac.name)
        head = self.pick(HEADLINE[etype]).format(
            A=a_head, B=ev_rc.name if ev_rc is not ac else "government", topic=self.pick(TOPICS),
            s="" if kind in ("rebel", "mil", "police") else "s", es="" if kind in ("rebel", "mil",
                                                                                   "police") else "es",
            P=place.rsplit(" ", 1)[-1] if place.startswith(("the ", "villages")) else place, n=r.randint(2,
                                                                                                         60))
        return _cap(head), text


def generate(n: int, seed: int = 0) -> Iterator[dict]:
    """Yield ``n`` synthetic articles, deterministic for ``seed``."""
    start = dt.date(2018, 1, 1).toordinal()
    span = dt.date(2025, 6, 30).toordinal() - start
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        pub = dt.date.fromordinal(start + rng.randrange(span))
        title, text = _Article(rng, pub).build()
        aid = f"bench-{seed}-{i:06d}"
        yield {
            "id": aid,
            "title": title,
            "text": text,
            "published": pub.isoformat(),
            "source": SOURCES[rng.randrange(len(SOURCES))],
            "url": f"https://bench.example.org/{pub.year}/{pub.month:02d}/{aid}",
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic JSONL news corpus for benchmarks.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="output JSONL path")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    words = 0
    with args.out.open("w", encoding="utf-8") as f:
        for art in generate(args.n, args.seed):
            words += len(art["text"].split())
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    secs = time.perf_counter() - t0
    sys.stderr.write(f"wrote {args.n} articles ({words:,} words) to {args.out} in {secs:.2f}s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
