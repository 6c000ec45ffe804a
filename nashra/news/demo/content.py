"""Invented demo content for Nashra. Qadira, Marsa Zahra, Wadi Sarab and everyone
mentioned here are fictional; none of it describes real events.
"""

SECTIONS = [
    {
        "key": "security",
        "en": {
            "title": "Security",
            "intro": "Crime, policing and coastal security across Qadira, reported with care for the facts and for the people involved.",
        },
        "ar": {
            "title": "أمن",
            "intro": "الجريمة والشرطة وأمن السواحل في القديرة، بتغطية دقيقة تحترم الحقائق والناس المعنيين بها.",
        },
    },
    {
        "key": "politics",
        "en": {
            "title": "Politics",
            "intro": "Parliament, government and the municipal councils, and the decisions they take in Qadirans' name.",
        },
        "ar": {
            "title": "سياسة",
            "intro": "البرلمان والحكومة والمجالس البلدية، والقرارات التي تُتخذ باسم القديريين.",
        },
    },
    {
        "key": "economy",
        "en": {
            "title": "Economy",
            "intro": "Prices, jobs, the port and the public purse, explained for households as well as markets.",
        },
        "ar": {
            "title": "اقتصاد",
            "intro": "الأسعار وفرص العمل والميناء والمالية العامة، بلغة تفهمها الأسر والأسواق على السواء.",
        },
    },
    {
        "key": "society",
        "en": {
            "title": "Society",
            "intro": "Health, schools, neighbourhoods and daily life in Marsa Zahra and beyond.",
        },
        "ar": {
            "title": "مجتمع",
            "intro": "الصحة والتعليم وأحوال الأحياء والحياة اليومية في مرسى الزهرة وخارجها.",
        },
    },
    {
        "key": "opinion",
        "en": {
            "title": "Opinion",
            "intro": "Argument and commentary from Nashra's columnists; the views expressed are the authors' own.",
        },
        "ar": {
            "title": "رأي",
            "intro": "مقالات وتعليقات لكتّاب نشرة، والآراء الواردة فيها تعبّر عن أصحابها.",
        },
    },
]

AUTHORS = [
    {
        "key": "layla",
        "slug": "layla-haddad",
        "colour": "#1f4e79",
        "en": {
            "name": "Layla Haddad",
            "role": "Security correspondent",
            "bio": "Layla Haddad has covered policing, the courts and the coast guard for Nashra since 2019. She previously reported on municipal affairs in Marsa Zahra and holds a law degree from Qadira National University.",
        },
        "ar": {
            "name": "ليلى حداد",
            "role": "مراسلة الشؤون الأمنية",
            "bio": "تغطي ليلى حداد شؤون الشرطة والمحاكم وخفر السواحل في نشرة منذ عام 2019، بعد سنوات أمضتها في تغطية الشؤون البلدية في مرسى الزهرة. تحمل إجازة في الحقوق من جامعة القديرة الوطنية.",
        },
    },
    {
        "key": "omar",
        "slug": "omar-saadi",
        "colour": "#8c2f39",
        "en": {
            "name": "Omar Saadi",
            "role": "Political editor",
            "bio": "Omar Saadi leads Nashra's political coverage, from the National Assembly to the city council. He has reported on four general elections and writes a weekly briefing on the work of parliament.",
        },
        "ar": {
            "name": "عمر السعدي",
            "role": "محرر الشؤون السياسية",
            "bio": "يقود عمر السعدي التغطية السياسية في نشرة، من مجلس الأمة إلى المجلس البلدي. غطّى أربع انتخابات عامة، ويكتب موجزًا أسبوعيًا عن أعمال البرلمان.",
        },
    },
    {
        "key": "nadia",
        "slug": "nadia-karam",
        "colour": "#2a7f62",
        "en": {
            "name": "Nadia Karam",
            "role": "Economy correspondent",
            "bio": "Nadia Karam writes about prices, trade and public finances. Before joining Nashra she spent six years as an analyst at a regional shipping firm, which is why the port rarely leaves her notebook.",
        },
        "ar": {
            "name": "نادية كرم",
            "role": "مراسلة الشؤون الاقتصادية",
            "bio": "تكتب نادية كرم عن الأسعار والتجارة والمالية العامة. عملت قبل انضمامها إلى نشرة ست سنوات محللةً في شركة شحن إقليمية، ولذلك لا يغيب الميناء عن دفتر ملاحظاتها.",
        },
    },
    {
        "key": "youssef",
        "slug": "youssef-ammar",
        "colour": "#c06c1e",
        "en": {
            "name": "Youssef Ammar",
            "role": "Society reporter",
            "bio": "Youssef Ammar reports on health, education and the neighbourhoods of Marsa Zahra. He grew up in the fishermen's quarter and still finds most of his stories in its cafés.",
        },
        "ar": {
            "name": "يوسف عمار",
            "role": "مراسل الشؤون الاجتماعية",
            "bio": "يغطي يوسف عمار شؤون الصحة والتعليم وأحوال الأحياء في مرسى الزهرة. نشأ في حي الصيادين، وما زالت مقاهيه مصدر معظم قصصه.",
        },
    },
    {
        "key": "salma",
        "slug": "salma-nouri",
        "colour": "#5b3f8c",
        "en": {
            "name": "Salma Nouri",
            "role": "Columnist",
            "bio": "Salma Nouri is a former schoolteacher who writes about public life, cities and the distance between policy and people. Her column appears every Sunday.",
        },
        "ar": {
            "name": "سلمى النوري",
            "role": "كاتبة عمود",
            "bio": "معلّمة سابقة تكتب عن الشأن العام والمدن والمسافة الفاصلة بين السياسات والناس. يُنشر عمودها كل يوم أحد.",
        },
    },
    {
        "key": "mariam",
        "slug": "mariam-al-ali",
        "colour": "#7a5c2e",
        "ar": {
            "name": "مريم العلي",
            "role": "مراسلة نشرة في وادي سراب",
            "bio": "تغطي مريم العلي شؤون وادي سراب والقرى الزراعية في الداخل، من مياه الري إلى الطرق والمدارس. تكتب بالعربية، وتعمل مع نشرة منذ عام 2022.",
        },
    },
    {
        "key": "hamid",
        "slug": "hamid-al-tayeb",
        "colour": "#34495e",
        "ar": {
            "name": "حامد الطيب",
            "role": "كاتب رأي",
            "bio": "صحفي مخضرم أمضى ثلاثين عامًا في الصحافة القديرية، وترأس تحرير عدد من الصحف المحلية. يكتب في نشرة عمودًا أسبوعيًا عن الذاكرة والمدينة والبحر.",
        },
    },
]

ARTICLES = [
    {
        "key": "coastguard-fuel-seizure",
        "slug": "coast-guard-seizes-smuggled-diesel-off-ras-al-nakhl",
        "section": "security",
        "type": "news",
        "authors": ["layla"],
        "published": "2026-10-20T16:40",
        "updated": None,
        "image": {
            "motif": "waves",
            "palette": ["#0b3d5c", "#f2a541", "#e8e1d4"],
            "photographer": "Karim Sallam",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Coast guard seizes 38,000 litres of smuggled diesel off Ras al-Nakhl",
            "standfirst": "Fourteen crew members were detained after a night-time interception, the largest fuel seizure on the Qadiran coast this year.",
            "dateline": "Marsa Zahra",
            "caption": "A coast guard patrol boat escorts the intercepted vessel into the naval basin at Marsa Zahra on Tuesday morning.",
            "alt": "Stylised dark blue waves under an amber sky.",
            "tags": ["coast guard", "smuggling", "fuel"],
            "body": [
                (
                    "paragraph",
                    "Qadira's coast guard intercepted a fishing vessel carrying about 38,000 litres of undeclared diesel some 11 nautical miles off Ras al-Nakhl in the early hours of Tuesday, and detained all 14 people on board. Officials said the boat had switched off its location transponder, which first drew the attention of radar operators in Marsa Zahra.",
                ),
                ("subheading", "Subsidised fuel, buyers at sea"),
                (
                    "paragraph",
                    "Investigators believe the fuel was bought at subsidised prices inside Qadira and was meant to be resold at sea, where it can fetch almost three times the local pump price. The interior ministry estimates that fuel smuggling costs the treasury about 45 million dinars a year.",
                ),
                (
                    "quote",
                    {
                        "text": "This was a fishing boat that had not caught a single fish in three weeks. The radar told us what the logbook would not.",
                        "attribution": "Colonel Tariq Obeid, commander of the coast guard's northern sector",
                    },
                ),
                (
                    "paragraph",
                    "The detained crew, who include nine Qadiran nationals, were handed over to the public prosecutor's office in Marsa Zahra on Tuesday afternoon. Ibrahim Shaaban, head of the fishermen's union, said none of his members were involved and urged the authorities not to treat every small boat in the harbour as a suspect.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "خفر السواحل يضبط 38 ألف لتر من الديزل المهرّب قبالة رأس النخل",
            "standfirst": "أوقفت السلطات 14 بحّارًا بعد عملية اعتراض ليلية، هي أكبر ضبطية وقود على السواحل القديرية منذ مطلع العام.",
            "dateline": "مرسى الزهرة",
            "caption": "زورق دورية تابع لخفر السواحل يرافق المركب المضبوط إلى الحوض البحري في مرسى الزهرة صباح الثلاثاء.",
            "alt": "رسم تجريدي لأمواج زرقاء داكنة تحت سماء كهرمانية.",
            "tags": ["خفر السواحل", "تهريب", "وقود"],
            "body": [
                (
                    "paragraph",
                    "اعترض خفر السواحل القديري فجر الثلاثاء مركب صيد يحمل نحو 38 ألف لتر من الديزل غير المصرّح به، على بعد 11 ميلًا بحريًا تقريبًا قبالة رأس النخل، وأوقف جميع من كانوا على متنه وعددهم 14 شخصًا. وقال مسؤولون إن المركب أطفأ جهاز تحديد الموقع، وهو ما لفت انتباه مشغّلي الرادار في مرسى الزهرة.",
                ),
                ("subheading", "وقود مدعوم ومشترون في عرض البحر"),
                (
                    "paragraph",
                    "ويرجّح المحققون أن الوقود اشتُري بالسعر المدعوم داخل البلاد، وأنه كان معدًّا لإعادة بيعه في عرض البحر، حيث قد يبلغ ثمنه هناك قرابة ثلاثة أضعاف سعره في محطات الوقود المحلية. وبحسب تقديرات وزارة الداخلية، يكلّف تهريب الوقود الخزينة العامة نحو 45 مليون دينار سنويًا.",
                ),
                (
                    "quote",
                    {
                        "text": "كان مركب صيد لم يصطد سمكة واحدة منذ ثلاثة أسابيع. أخبرنا الرادار بما لم يقله سجلّ الرحلات.",
                        "attribution": "العقيد طارق عبيد، قائد القطاع الشمالي في خفر السواحل",
                    },
                ),
                (
                    "paragraph",
                    "وأُحيل الموقوفون، ومن بينهم تسعة مواطنين قديريين، إلى النيابة العامة في مرسى الزهرة بعد ظهر الثلاثاء. من جهته، أكد إبراهيم شعبان، رئيس نقابة الصيادين، أن أيًّا من أعضاء النقابة لا علاقة له بالقضية، داعيًا السلطات إلى عدم التعامل مع كل قارب صغير في الميناء على أنه موضع شبهة.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "wadi-sarab-checkpoints",
        "slug": "new-checkpoints-on-wadi-sarab-road-after-pump-thefts",
        "section": "security",
        "type": "news",
        "authors": ["mariam"],
        "published": "2026-11-02T09:45",
        "updated": None,
        "image": {
            "motif": "sun",
            "palette": ["#9c6644", "#ffb703", "#fdf0d5"],
            "photographer": "Mariam al-Ali",
            "agency": "Nashra",
        },
        "ar": {
            "headline": "حواجز أمنية جديدة على طريق وادي سراب بعد سلسلة سرقات لمضخات الري",
            "standfirst": "سُجّلت 23 سرقة لمضخات ومولدات زراعية منذ أغسطس، ما دفع الشرطة إلى نشر دوريات ليلية على الطريق الرابط بالساحل.",
            "dateline": "وادي سراب",
            "caption": "دورية للشرطة عند مدخل وادي سراب على الطريق المؤدي إلى مرسى الزهرة.",
            "alt": "رسم تجريدي لشمس برتقالية فوق أرض بنية.",
            "tags": ["وادي سراب", "الشرطة", "سرقات"],
            "body": [
                (
                    "paragraph",
                    "نشرت مديرية الشرطة في محافظة الساحل ثلاثة حواجز تفتيش ثابتة على الطريق الذي يربط وادي سراب بمرسى الزهرة، إلى جانب دوريات ليلية متنقلة بين القرى، بعد تسجيل 23 سرقة لمضخات ري ومولدات كهربائية من المزارع منذ أغسطس الماضي. وتتجاوز قيمة المسروقات 180 ألف دينار، بحسب أرقام اتحاد المزارعين في الوادي.",
                ),
                ("subheading", "مضخات تُباع قطعًا"),
                (
                    "paragraph",
                    "وقال مصدر في المديرية إن التحقيقات تشير إلى شبكة صغيرة تفكّك المضخات وتبيع قطعها لورش الخردة في المناطق الصناعية على أطراف مرسى الزهرة، مضيفًا أن شخصين أُوقفا الأسبوع الماضي وبحوزتهما محركات تحمل أرقامًا تسلسلية تعود إلى مزارع في الوادي. ولم توجَّه إليهما تهم رسمية حتى الآن.",
                ),
                (
                    "paragraph",
                    "ويرحّب المزارعون بالإجراءات، لكنهم يشكون من طول الانتظار عند الحواجز في ساعات الصباح، حين تنقل الشاحنات الخضروات إلى أسواق الساحل. ويرى صالح البدوي، الذي سُرقت مضخته مرتين هذا العام، أن الحل الأجدى هو تسجيل المعدات الزراعية وترقيمها، لا تفتيش كل شاحنة محمّلة بالطماطم.",
                ),
                (
                    "quote",
                    {
                        "text": "سرقوا المضخة في الليل، وفي الصباح كان عليّ أن أختار بين شراء أخرى أو ترك الزيتون يعطش.",
                        "attribution": "صالح البدوي، مزارع من وادي سراب",
                    },
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "port-cctv",
        "slug": "interior-ministry-to-install-420-cameras-in-port-district",
        "section": "security",
        "type": "news",
        "authors": ["layla"],
        "published": "2026-11-06T14:30",
        "updated": "2026-11-06T19:10",
        "image": {
            "motif": "skyline",
            "palette": ["#22223b", "#c9ada7", "#f2e9e4"],
            "photographer": "Faris Nakhleh",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Interior ministry to install 420 surveillance cameras in the port district",
            "standfirst": "The system will feed a new control room and may later read number plates; rights groups want a law on data first.",
            "dateline": "Marsa Zahra",
            "caption": "Warehouses and cranes along the port road in Marsa Zahra, one of the areas where cameras will be installed.",
            "alt": "Stylised city skyline in dusky purple and rose.",
            "tags": ["surveillance", "port", "privacy"],
            "body": [
                (
                    "paragraph",
                    "Qadira's interior ministry will install 420 surveillance cameras across Marsa Zahra's port district and the old town by next summer, Interior Minister Nabil al-Khatib announced on Friday. The 6.2-million-dinar project follows a string of warehouse break-ins and last month's diesel seizure. Footage will feed a control room staffed around the clock by police and port security.",
                ),
                ("subheading", "Questions over data"),
                (
                    "factbox",
                    {
                        "title": "The camera plan",
                        "items": [
                            "420 cameras in the port district and the old town",
                            "Cost: 6.2 million dinars",
                            "Recordings kept for 30 days unless needed in an investigation",
                            "First phase: 150 cameras by March 2027",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "Ministry officials said recordings would be kept for 30 days, but did not say who would be allowed to view them. A second phase, still under study, could add automatic number-plate recognition at the port gates. Qadira has no data-protection law, although a draft has been before parliament since 2023.",
                ),
                (
                    "quote",
                    {
                        "text": "We are not against cameras. We are against cameras without rules, and today there are no rules.",
                        "attribution": "Rasha Hammoud, director of the Qadiran Association for Civil Liberties",
                    },
                ),
                (
                    "paragraph",
                    "<b>Update, Friday evening:</b> in a statement issued after this article was published, the ministry said access to footage would be limited to officers named in a court order or an official investigation, and that an independent audit of the system would be published every year. It did not give a date for the first audit.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "وزارة الداخلية تركّب 420 كاميرا مراقبة في منطقة الميناء",
            "standfirst": "سيرتبط النظام بغرفة تحكم جديدة وقد يُزوَّد لاحقًا بتقنية قراءة لوحات السيارات، فيما تطالب منظمات حقوقية بقانون ينظّم البيانات أولًا.",
            "dateline": "مرسى الزهرة",
            "caption": "مستودعات ورافعات على امتداد طريق الميناء في مرسى الزهرة، وهي من المناطق التي ستُركّب فيها الكاميرات.",
            "alt": "رسم تجريدي لأفق مدينة بدرجات البنفسجي والوردي الداكن.",
            "tags": ["المراقبة", "الميناء", "الخصوصية"],
            "body": [
                (
                    "paragraph",
                    "أعلن وزير الداخلية نبيل الخطيب يوم الجمعة أن الوزارة ستركّب 420 كاميرا مراقبة في منطقة الميناء والبلدة القديمة بمرسى الزهرة بحلول الصيف المقبل. ويأتي المشروع، الذي تبلغ كلفته 6.2 مليون دينار، بعد سلسلة من اقتحامات المستودعات وضبطية الديزل الشهر الماضي. وستُنقل الصور إلى غرفة تحكم يعمل فيها عناصر من الشرطة وأمن الميناء على مدار الساعة.",
                ),
                ("subheading", "تساؤلات حول البيانات"),
                (
                    "factbox",
                    {
                        "title": "خطة الكاميرات",
                        "items": [
                            "420 كاميرا في منطقة الميناء والبلدة القديمة",
                            "الكلفة: 6.2 مليون دينار",
                            "تُحفظ التسجيلات 30 يومًا ما لم تكن مطلوبة في تحقيق",
                            "المرحلة الأولى: 150 كاميرا بحلول مارس 2027",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "وقال مسؤولون في الوزارة إن التسجيلات ستُحفظ مدة 30 يومًا، من دون أن يوضحوا الجهات المخوّلة الاطلاع عليها. وتُدرس مرحلة ثانية قد تضيف نظامًا آليًا لقراءة لوحات السيارات عند بوابات الميناء. ولا يوجد في القديرة قانون لحماية البيانات، مع أن مشروع قانون بهذا الشأن معروض على البرلمان منذ عام 2023.",
                ),
                (
                    "quote",
                    {
                        "text": "لسنا ضد الكاميرات، بل ضد كاميرات بلا قواعد، واليوم لا توجد أي قواعد.",
                        "attribution": "رشا حمّود، مديرة الجمعية القديرية للحريات المدنية",
                    },
                ),
                (
                    "paragraph",
                    "<b>تحديث مساء الجمعة:</b> قالت الوزارة في بيان صدر بعد نشر هذا المقال إن الاطلاع على التسجيلات سيقتصر على الضباط المسمّين في أمر قضائي أو تحقيق رسمي، وإن تقريرًا سنويًا لتدقيق مستقل في النظام سيُنشر للعموم، لكنها لم تحدد موعدًا لصدور التقرير الأول.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "police-retention-analysis",
        "slug": "why-qadira-struggles-to-keep-its-police-recruits",
        "section": "security",
        "type": "analysis",
        "authors": ["layla", "omar"],
        "published": "2026-11-19T12:30",
        "updated": None,
        "image": {
            "motif": "grid",
            "palette": ["#0d1b2a", "#778da9", "#e0e1dd"],
            "photographer": "Faris Nakhleh",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Analysis: Qadira trains hundreds of police officers a year. Why do so many leave?",
            "standfirst": "Almost one in four recruits quits within three years. Pay matters, but former officers point to shifts, housing and promotions that reward seniority over skill.",
            "dateline": "Marsa Zahra",
            "caption": "Police cadets during a passing-out parade at the police academy outside Marsa Zahra.",
            "alt": "Abstract grid of navy and steel-blue lines.",
            "tags": ["police", "public sector", "analysis"],
            "body": [
                (
                    "paragraph",
                    "The government wants more police on the streets of Marsa Zahra, and it is investing in cameras, patrol boats and a new control room. Yet its most basic resource keeps slipping away. Interior ministry figures seen by Nashra show that 23% of officers who graduated from the police academy between 2020 and 2023 had resigned before the end of their third year.",
                ),
                ("subheading", "Not only about money"),
                (
                    "paragraph",
                    "Starting pay of 610 dinars a month is modest, but comparable to other public-sector jobs. Former officers told Nashra that pay was rarely the main reason they left. They described 12-hour rotating shifts, postings far from family without help with housing, and a promotion ladder based almost entirely on years served.",
                ),
                (
                    "quote",
                    {
                        "text": "I joined to protect my city. After four years I was still guarding an empty building on night shifts, 90 kilometres from my children.",
                        "attribution": "A former police officer who asked not to be named",
                    },
                ),
                (
                    "paragraph",
                    "The ministry says a reform of shift rules is under study and that 300 housing units for officers will be built near the port by 2028. But unless promotion starts to reward competence, and the ministry measures why people leave, the new equipment risks being run by an ever younger and less experienced force.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "تحليل: القديرة تخرّج مئات الشرطيين سنويًا.. فلماذا يغادر كثيرون منهم؟",
            "standfirst": "يستقيل قرابة واحد من كل أربعة مجندين خلال ثلاث سنوات. الراتب عامل مهم، لكن عناصر سابقين يشيرون إلى المناوبات والسكن وترقيات تكافئ الأقدمية لا الكفاءة.",
            "dateline": "مرسى الزهرة",
            "caption": "طلاب أكاديمية الشرطة خلال حفل تخريج قرب مرسى الزهرة.",
            "alt": "شبكة تجريدية من خطوط كحلية وزرقاء فولاذية.",
            "tags": ["الشرطة", "القطاع العام", "تحليل"],
            "body": [
                (
                    "paragraph",
                    "تريد الحكومة مزيدًا من رجال الشرطة في شوارع مرسى الزهرة، وهي تستثمر في الكاميرات وزوارق الدورية وغرفة تحكم جديدة، غير أن أبسط مواردها وأهمها يواصل التسرّب من بين يديها. فبحسب أرقام لوزارة الداخلية اطّلعت عليها نشرة، قدّم 23% من خريجي أكاديمية الشرطة بين عامي 2020 و2023 استقالاتهم قبل إتمام عامهم الثالث في الخدمة.",
                ),
                ("subheading", "ليست مسألة مال فقط"),
                (
                    "paragraph",
                    "يبلغ الراتب المبدئي 610 دنانير شهريًا، وهو متواضع لكنه يوازي رواتب وظائف حكومية أخرى. وقال عناصر سابقون لنشرة إن الراتب نادرًا ما كان السبب الرئيسي لمغادرتهم، مشيرين إلى مناوبات دوّارة مدتها 12 ساعة، وتعيينات بعيدة عن عائلاتهم من دون دعم للسكن، وسلّم ترقيات يعتمد بالكامل تقريبًا على سنوات الخدمة.",
                ),
                (
                    "quote",
                    {
                        "text": "التحقت بالشرطة لأحمي مدينتي، وبعد أربع سنوات كنت لا أزال أحرس مبنى فارغًا في المناوبات الليلية، على بعد 90 كيلومترًا من أطفالي.",
                        "attribution": "شرطي سابق طلب عدم ذكر اسمه",
                    },
                ),
                (
                    "paragraph",
                    "وتقول الوزارة إن إصلاح نظام المناوبات قيد الدراسة، وإن 300 وحدة سكنية للعناصر ستُبنى قرب الميناء بحلول عام 2028. لكن ما لم تبدأ الترقيات بمكافأة الكفاءة، وما لم تقِس الوزارة أسباب المغادرة بجدية، فقد ينتهي الأمر بالمعدات الجديدة في أيدي جهاز أصغر سنًا وأقل خبرة.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "wadi-sarab-water-quota",
        "slug": "wadi-sarab-council-splits-over-water-quotas",
        "section": "politics",
        "type": "news",
        "authors": ["mariam"],
        "published": "2026-10-24T10:20",
        "updated": None,
        "image": {
            "motif": "hills",
            "palette": ["#6b4f2a", "#9bc1bc", "#f4e9cd"],
            "photographer": "Mariam al-Ali",
            "agency": "Nashra",
        },
        "ar": {
            "headline": "خلاف داخل مجلس وادي سراب على حصص مياه الري قبل موسم الزراعة",
            "standfirst": "صوّت المجلس المحلي بفارق صوت واحد على خفض حصص المزارع الكبيرة، وسط اعتراض من ممثلي القرى الشرقية.",
            "dateline": "وادي سراب",
            "caption": "قناة ري شبه جافة على أطراف وادي سراب، حيث يعتمد مئات المزارعين على مياه السد.",
            "alt": "رسم تجريدي لتلال بنية متدرجة تحت سماء فيروزية.",
            "tags": ["وادي سراب", "المياه", "الزراعة", "المجالس المحلية"],
            "body": [
                (
                    "paragraph",
                    "أقرّ المجلس المحلي في وادي سراب مساء الجمعة، بأغلبية ستة أصوات مقابل خمسة، خطة لتوزيع مياه سد الوادي خلال الموسم الشتوي، تخفض حصص المزارع التي تتجاوز مساحتها عشرين دونمًا بنسبة 15%، وتحوّل الفائض إلى صغار المزارعين. وجاء القرار بعد ثلاث جلسات متوترة، انسحب خلالها ممثلو القرى الشرقية مرتين.",
                ),
                ("subheading", "سد عند ثلث طاقته"),
                (
                    "paragraph",
                    "وتشير بيانات وزارة الزراعة إلى أن مخزون السد لا يتجاوز حاليًا 34% من طاقته الاستيعابية، بعد صيف هو الأشد جفافًا منذ ثماني سنوات. ويعتمد نحو 900 مزارع في الوادي على مياهه لري الزيتون والحمضيات والخضروات، في حين لجأ بعضهم خلال الأشهر الماضية إلى حفر آبار خاصة من دون تراخيص، وهو ما تحذّر منه الوزارة.",
                ),
                (
                    "quote",
                    {
                        "text": "لا نطلب امتيازًا، بل نطلب أن يُحسب العدل بالمتر المكعب لا بعدد الأصوات في القاعة.",
                        "attribution": "خليل الزعبي، عضو المجلس عن القرى الشرقية",
                    },
                ),
                (
                    "paragraph",
                    "في المقابل، قالت رئيسة المجلس سناء العمري إن الخطة مؤقتة وستُراجع في فبراير إذا تحسّن منسوب الأمطار، مؤكدة أن صغار المزارعين هم الأكثر تضررًا من الجفاف لأنهم لا يملكون وسائل بديلة. ومن المنتظر أن يرفع المعترضون تظلمًا إلى وزارة الإدارة المحلية خلال الأسبوع المقبل.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "municipal-election-date",
        "slug": "municipal-elections-set-for-14-december",
        "section": "politics",
        "type": "news",
        "authors": ["omar"],
        "published": "2026-10-28T12:10",
        "updated": None,
        "image": {
            "motif": "crowd",
            "palette": ["#283618", "#dda15e", "#fefae0"],
            "photographer": "Leen Qabbani",
            "agency": "Qadira Press Agency",
        },
        "en": {
            "headline": "Municipal elections set for 14 December, with 21 seats at stake in Marsa Zahra",
            "standfirst": "The electoral commission said about 212,000 residents are registered to vote in the city, and candidate lists open next week.",
            "dateline": "Marsa Zahra",
            "caption": "Residents queue outside a voter registration office in Ras al-Nakhl earlier this month.",
            "alt": "Abstract crowd of figures in olive and ochre tones.",
            "tags": ["elections", "municipal council", "marsa zahra"],
            "body": [
                (
                    "paragraph",
                    "Qadira will hold municipal elections on 14 December, the Independent Electoral Commission announced on Wednesday. In Marsa Zahra, about 212,000 registered voters will choose a 21-member council, which will in turn elect the mayor. Candidate lists may be submitted from 2 to 12 November.",
                ),
                ("subheading", "A shorter campaign"),
                (
                    "factbox",
                    {
                        "title": "Key facts",
                        "items": [
                            "Polling day: 14 December 2026",
                            "Registered voters in Marsa Zahra: about 212,000",
                            "Council seats: 21, elected by proportional list vote",
                            "Candidate registration: 2 to 12 November",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "The campaign will last just 25 days, beginning on 19 November, compared with 40 days before the last municipal vote in 2022. The commission said the change would cut costs and limit disruption to schools used as polling stations. Opposition parties criticised the shorter period, saying it favours sitting councils.",
                ),
                (
                    "quote",
                    {
                        "text": "A short campaign is a gift to whoever already has his picture at every ribbon-cutting.",
                        "attribution": "Samir Qasem, National Renewal Bloc member of the National Assembly",
                    },
                ),
            ],
            "corrections": [
                {
                    "date": "2026-10-29",
                    "text": "An earlier version of this article said the Marsa Zahra council has 23 seats. It has 21.",
                },
            ],
        },
        "ar": {
            "headline": "الانتخابات البلدية في 14 ديسمبر و21 مقعدًا على المحك في مرسى الزهرة",
            "standfirst": "أعلنت المفوضية أن نحو 212 ألف ناخب مسجلون في المدينة، على أن يُفتح باب الترشح الأسبوع المقبل.",
            "dateline": "مرسى الزهرة",
            "caption": "مواطنون يصطفون أمام مكتب لتسجيل الناخبين في رأس النخل مطلع الشهر الجاري.",
            "alt": "رسم تجريدي لحشد من الأشخاص بدرجات الزيتوني والمغرة.",
            "tags": ["الانتخابات", "المجلس البلدي", "مرسى الزهرة"],
            "body": [
                (
                    "paragraph",
                    "أعلنت المفوضية المستقلة للانتخابات يوم الأربعاء أن الانتخابات البلدية ستُجرى في جميع أنحاء البلاد يوم 14 ديسمبر. وفي مرسى الزهرة، يختار نحو 212 ألف ناخب مسجل مجلسًا بلديًا من 21 عضوًا، يتولى بدوره انتخاب رئيس البلدية. ويُفتح باب تقديم القوائم من 2 إلى 12 نوفمبر.",
                ),
                ("subheading", "حملة أقصر من سابقتها"),
                (
                    "factbox",
                    {
                        "title": "أبرز المعطيات",
                        "items": [
                            "موعد الاقتراع: 14 ديسمبر 2026",
                            "الناخبون المسجلون في مرسى الزهرة: نحو 212 ألفًا",
                            "مقاعد المجلس البلدي: 21 مقعدًا بنظام القوائم النسبية",
                            "تقديم الترشيحات: من 2 إلى 12 نوفمبر",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "ولن تتجاوز مدة الحملة الانتخابية 25 يومًا تبدأ في 19 نوفمبر، مقارنة بأربعين يومًا قبل الانتخابات البلدية السابقة عام 2022. وقالت المفوضية إن التعديل سيخفض التكاليف ويحدّ من تعطيل المدارس التي تُستخدم مراكز اقتراع، فيما انتقدت أحزاب المعارضة تقصير المدة، معتبرة أنه يصب في مصلحة المجالس الحالية.",
                ),
                (
                    "quote",
                    {
                        "text": "الحملة القصيرة هدية لمن تتصدر صورته أصلًا كل حفلات قص الأشرطة.",
                        "attribution": "سمير قاسم، نائب عن كتلة التجديد الوطني في مجلس الأمة",
                    },
                ),
            ],
            "corrections": [
                {
                    "date": "2026-10-29",
                    "text": "ورد في نسخة سابقة من هذا المقال أن المجلس البلدي لمرسى الزهرة يضم 23 مقعدًا، والصحيح أنه يضم 21 مقعدًا.",
                },
            ],
        },
    },
    {
        "key": "assembly-budget-debate",
        "slug": "opposition-walks-out-as-assembly-debates-2027-budget",
        "section": "politics",
        "type": "news",
        "authors": ["omar"],
        "published": "2026-11-14T18:35",
        "updated": "2026-11-15T08:20",
        "image": {
            "motif": "skyline",
            "palette": ["#3c1642", "#ffc857", "#edf2f4"],
            "photographer": "Leen Qabbani",
            "agency": "Qadira Press Agency",
        },
        "en": {
            "headline": "Opposition walks out as National Assembly opens debate on 2027 budget",
            "standfirst": "The government's draft cuts fuel subsidies by 12% and raises spending on health and schools; critics say the poorest will pay first.",
            "dateline": "Marsa Zahra",
            "caption": "Members of the National Assembly during Saturday's opening session of the budget debate.",
            "alt": "Abstract skyline in deep purple and gold.",
            "tags": ["budget", "parliament", "subsidies"],
            "body": [
                (
                    "paragraph",
                    "Twenty-three opposition members walked out of the National Assembly on Saturday as Finance Minister Walid Jaber presented the government's 2027 budget, which plans total spending of 9.4 billion dinars and a deficit of 3.1% of GDP. The draft would cut fuel subsidies by 12% while raising health spending by 9% and school budgets by 6%.",
                ),
                ("subheading", "Subsidies at the centre"),
                (
                    "paragraph",
                    "Mr Jaber told members the subsidy cut would save about 210 million dinars, and argued that fuel smuggling showed the current system “leaks money to those who need it least”. He promised quarterly cash transfers to 180,000 low-income households. The ruling Coastal Alliance holds 61 of the assembly's 110 seats, enough to pass the budget on its own.",
                ),
                (
                    "quote",
                    {
                        "text": "We are asked to vote for a budget that cuts subsidies in January and promises compensation some time in the spring. Families do not eat once a quarter.",
                        "attribution": "Samir Qasem, National Renewal Bloc",
                    },
                ),
                (
                    "paragraph",
                    "The finance committee will examine the draft over the next three weeks, with a final vote expected on 20 December, six days after the municipal elections. Analysts say the timing is awkward for the government, whose candidates will face voters just as the subsidy debate peaks. On Sunday morning, Mr Jaber said the first transfers would be paid in February.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "المعارضة تنسحب من جلسة مجلس الأمة مع بدء مناقشة موازنة 2027",
            "standfirst": "يخفض مشروع الحكومة دعم الوقود بنسبة 12% ويرفع الإنفاق على الصحة والتعليم، فيما يرى المنتقدون أن الفقراء أول من سيدفع الثمن.",
            "dateline": "مرسى الزهرة",
            "caption": "نواب في مجلس الأمة خلال الجلسة الافتتاحية لمناقشة الموازنة يوم السبت.",
            "alt": "رسم تجريدي لأفق مدينة بالبنفسجي الداكن والذهبي.",
            "tags": ["الموازنة", "البرلمان", "الدعم"],
            "body": [
                (
                    "paragraph",
                    "انسحب 23 نائبًا من المعارضة من جلسة مجلس الأمة يوم السبت، بينما كان وزير المالية وليد جابر يعرض مشروع موازنة عام 2027، الذي يقدّر النفقات الإجمالية بـ9.4 مليارات دينار والعجز بـ3.1% من الناتج المحلي الإجمالي. ويخفض المشروع دعم الوقود بنسبة 12%، مقابل زيادة الإنفاق على الصحة بنسبة 9% وموازنات المدارس بنسبة 6%.",
                ),
                ("subheading", "الدعم في قلب الخلاف"),
                (
                    "paragraph",
                    "وقال جابر أمام النواب إن خفض الدعم سيوفّر نحو 210 ملايين دينار، معتبرًا أن تهريب الوقود دليل على أن النظام الحالي «يسرّب المال إلى من هم أقل حاجة إليه». ووعد بتحويلات نقدية تُصرف كل ثلاثة أشهر لنحو 180 ألف أسرة محدودة الدخل. ويشغل التحالف الساحلي الحاكم 61 مقعدًا من أصل 110، وهو ما يكفيه لتمرير الموازنة منفردًا.",
                ),
                (
                    "quote",
                    {
                        "text": "يُطلب منا التصويت على موازنة تخفض الدعم في يناير وتعد بالتعويض في وقت ما من الربيع. الأسر لا تأكل مرة كل ثلاثة أشهر.",
                        "attribution": "سمير قاسم، كتلة التجديد الوطني",
                    },
                ),
                (
                    "paragraph",
                    "وستدرس لجنة المالية المشروع خلال الأسابيع الثلاثة المقبلة، على أن يجري التصويت النهائي في 20 ديسمبر، أي بعد ستة أيام من الانتخابات البلدية. ويرى محللون أن التوقيت محرج للحكومة، إذ سيواجه مرشحوها الناخبين في ذروة الجدل حول الدعم. وأعلن جابر صباح الأحد أن الدفعة الأولى من التحويلات ستُصرف في فبراير.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "mansour-record-analysis",
        "slug": "hala-mansour-seeks-second-term-on-a-mixed-record",
        "section": "politics",
        "type": "analysis",
        "authors": ["omar"],
        "published": "2026-11-24T07:45",
        "updated": None,
        "image": {
            "motif": "skyline",
            "palette": ["#540b0e", "#e09f3e", "#fff3b0"],
            "photographer": "Dina Awad",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Analysis: Hala Mansour seeks a second term on a record of big projects and small repairs",
            "standfirst": "The mayor can point to a new emergency wing, a relit lighthouse and a port deal. Voters in the fishermen's quarter remember the floods.",
            "dateline": "Marsa Zahra",
            "caption": "Mayor Hala Mansour at a campaign event in the old town of Marsa Zahra.",
            "alt": "Abstract skyline in dark red and mustard tones.",
            "tags": ["elections", "mayor", "analysis"],
            "body": [
                (
                    "paragraph",
                    "When Hala Mansour became Marsa Zahra's first woman mayor in 2022, she promised a city that “works for the street, not the brochure”. Four years on, as she leads the Coastal Alliance list into the 14 December vote, her record is stronger on large projects than on everyday services, and that imbalance may decide how many of the council's 21 seats her list keeps.",
                ),
                ("subheading", "Visible wins"),
                (
                    "paragraph",
                    "Supporters point to the hospital's new emergency wing, the relit lighthouse and the port's container terminal deal, all of which she championed even where the money came from the national government or private donors. Municipal revenue has risen by about a fifth during her term, largely thanks to better collection of commercial property fees.",
                ),
                ("subheading", "Everyday frustrations"),
                (
                    "paragraph",
                    "Yet complaints to the municipal hotline about drains, rubbish collection and street lighting have risen every year since 2023. The third flood in Hay al-Sayyadin this month, followed by a last-minute pledge of 1.8 million dinars, handed her opponents a simple message: the mayor builds monuments while the pumps fail.",
                ),
                (
                    "quote",
                    {
                        "text": "People do not vote for a lighthouse. They vote for the drain outside their door.",
                        "attribution": "Dr Nour Shami, political scientist at Qadira National University",
                    },
                ),
                (
                    "paragraph",
                    "The National Renewal Bloc's list, led by the former engineer Ziad Hourani, has struggled to raise money, and turnout in the city has rarely exceeded 45%. That favours Ms Mansour if her own voters turn out. But if the fishermen's quarter, once one of her strongest districts, stays at home or switches sides, her majority could narrow sharply.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "تحليل: هالة منصور تسعى لولاية ثانية بسجلّ من المشاريع الكبرى والإصلاحات المتعثرة",
            "standfirst": "تستطيع رئيسة البلدية أن تستشهد بجناح الطوارئ الجديد والمنارة المرمّمة وصفقة الميناء، لكن ناخبي حي الصيادين يتذكرون الفيضانات.",
            "dateline": "مرسى الزهرة",
            "caption": "رئيسة البلدية هالة منصور خلال فعالية انتخابية في البلدة القديمة بمرسى الزهرة.",
            "alt": "رسم تجريدي لأفق مدينة بدرجات الأحمر الداكن والخردلي.",
            "tags": ["الانتخابات", "رئاسة البلدية", "تحليل"],
            "body": [
                (
                    "paragraph",
                    "حين أصبحت هالة منصور أول امرأة تتولى رئاسة بلدية مرسى الزهرة عام 2022، وعدت بمدينة «تعمل من أجل الشارع لا من أجل الكتيّبات الدعائية». وبعد أربع سنوات، وهي تقود قائمة التحالف الساحلي إلى اقتراع 14 ديسمبر، يبدو سجلّها في المشاريع الكبرى أقوى منه في الخدمات اليومية، وقد يحدد هذا الخلل عدد المقاعد التي ستحتفظ بها قائمتها من أصل 21 مقعدًا.",
                ),
                ("subheading", "إنجازات مرئية"),
                (
                    "paragraph",
                    "يستشهد مؤيدوها بجناح الطوارئ الجديد في المستشفى، وبالمنارة التي عادت إلى الإضاءة، وبصفقة محطة الحاويات في الميناء، وهي مشاريع دافعت عنها حتى حين جاء تمويلها من الحكومة المركزية أو من متبرعين. كما ارتفعت إيرادات البلدية بنحو الخُمس خلال ولايتها، ويعود ذلك أساسًا إلى تحسين تحصيل رسوم العقارات التجارية.",
                ),
                ("subheading", "إحباطات يومية"),
                (
                    "paragraph",
                    "في المقابل، ازدادت الشكاوى المقدّمة إلى الخط الساخن للبلدية بشأن المصارف وجمع النفايات وإنارة الشوارع كل عام منذ 2023. ثم جاء الفيضان الثالث في حي الصيادين هذا الشهر، وما تبعه من تعهد متأخر بتخصيص 1.8 مليون دينار، ليمنح خصومها رسالة بسيطة: رئيسة البلدية تشيّد المعالم فيما تتعطل المضخات.",
                ),
                (
                    "quote",
                    {
                        "text": "الناس لا يصوّتون لمنارة، بل للمصرف الذي أمام باب بيتهم.",
                        "attribution": "الدكتورة نور الشامي، أستاذة العلوم السياسية في جامعة القديرة الوطنية",
                    },
                ),
                (
                    "paragraph",
                    "أما قائمة كتلة التجديد الوطني، التي يقودها المهندس السابق زياد الحوراني، فتجد صعوبة في جمع التمويل، ونادرًا ما تجاوزت نسبة المشاركة في المدينة 45%، وهو ما يمنح منصور أفضلية إذا توجّه ناخبوها إلى الصناديق. لكن إذا قاطع حي الصيادين، الذي كان من أقوى معاقلها، الاقتراع أو غيّر ولاءه، فقد تتقلص أغلبيتها بشكل حاد.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "central-bank-rate",
        "slug": "central-bank-holds-rate-as-inflation-eases",
        "section": "economy",
        "type": "news",
        "authors": ["nadia"],
        "published": "2026-10-22T13:05",
        "updated": None,
        "image": {
            "motif": "chart",
            "palette": ["#1d3557", "#e63946", "#f1faee"],
            "photographer": "Dina Awad",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Central bank holds key rate at 6.25% as inflation eases to 4.8%",
            "standfirst": "Governor Rima Sabbagh said the bank wants to see lower food prices hold through the winter before it considers a cut.",
            "dateline": "Marsa Zahra",
            "caption": "The Central Bank of Qadira's headquarters on Corniche Street, where the monetary policy committee met on Thursday.",
            "alt": "Abstract chart of red and navy bars on a pale background.",
            "tags": ["central bank", "inflation", "interest rates"],
            "body": [
                (
                    "paragraph",
                    "The Central Bank of Qadira kept its benchmark interest rate at 6.25% on Thursday, its fourth consecutive hold, after figures from the National Statistics Authority showed annual inflation slowing to 4.8% in September from 5.6% in August. Cheaper vegetables and cooking gas accounted for most of the fall, the authority said.",
                ),
                ("subheading", "A cautious tone"),
                (
                    "quote",
                    {
                        "text": "We are encouraged, but one good month does not make a trend. We would rather be one meeting late than a whole year early.",
                        "attribution": "Rima Sabbagh, governor of the Central Bank of Qadira",
                    },
                ),
                (
                    "paragraph",
                    "Business groups had lobbied for a cut of at least a quarter of a percentage point, arguing that borrowing costs are holding back small manufacturers. The Marsa Zahra Chamber of Commerce said in a statement that lending to small firms fell by 3% over the past year, and that many owners now rely on family loans rather than banks.",
                ),
                (
                    "paragraph",
                    "Economists expect the next decision, due on 17 December, to depend heavily on food prices after the autumn storms, which have already disrupted fishing. The dinar has been stable against major currencies since the spring, giving the bank some room to ease if inflation keeps falling.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "fish-market-prices",
        "slug": "storms-push-up-fish-prices-in-hay-al-sayyadin",
        "section": "economy",
        "type": "feature",
        "authors": ["nadia", "youssef"],
        "published": "2026-10-31T07:30",
        "updated": None,
        "image": {
            "motif": "market",
            "palette": ["#005f73", "#ee9b00", "#e9d8a6"],
            "photographer": "Karim Sallam",
            "agency": "Nashra",
        },
        "en": {
            "headline": "At the fish market, a stormy autumn is measured in dinars",
            "standfirst": "Three weeks of rough seas have kept half the fleet in port and pushed up the price of sardines by 40%.",
            "dateline": "Marsa Zahra",
            "caption": "A vendor weighs sardines at dawn in the covered fish market of Hay al-Sayyadin.",
            "alt": "Abstract market stalls in teal and amber.",
            "tags": ["fishing", "food prices", "hay al-sayyadin"],
            "body": [
                (
                    "paragraph",
                    "At five in the morning, the covered market in Hay al-Sayyadin is usually loud. This week it was half empty. Since early October, storms have kept roughly half of Marsa Zahra's 340 registered fishing boats in port, and the price of a kilo of sardines has risen from 3.5 to 4.9 dinars, according to traders.",
                ),
                ("subheading", "Fewer boats, fewer buyers"),
                (
                    "paragraph",
                    "Umm Rami, who has sold fish from the same marble counter for 27 years, says her customers now buy by the fish rather than by the kilo. Restaurants on the corniche have switched to frozen imports, which cost less but, she says, “taste of the freezer”. She estimates that her own income has fallen by about a third this month.",
                ),
                (
                    "quote",
                    {
                        "text": "The sea decides the price. We only write it on the board.",
                        "attribution": "Umm Rami, fish seller in Hay al-Sayyadin",
                    },
                ),
                (
                    "paragraph",
                    "The fishermen's union has asked the government to pay idle crews a temporary allowance. The agriculture ministry, which oversees fisheries, said it was studying the request. Forecasters expect calmer weather from mid-November, but traders warn that prices rarely fall as quickly as they rise.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "في سوق السمك.. خريف عاصف يُقاس بالدنانير",
            "standfirst": "أبقت ثلاثة أسابيع من البحر الهائج نصف أسطول الصيد في الميناء، ورفعت سعر السردين بنسبة 40%.",
            "dateline": "مرسى الزهرة",
            "caption": "بائعة تزن السردين فجرًا في سوق السمك المسقوف بحي الصيادين.",
            "alt": "رسم تجريدي لبسطات سوق بدرجات الأخضر المزرق والكهرماني.",
            "tags": ["الصيد البحري", "أسعار الغذاء", "حي الصيادين"],
            "body": [
                (
                    "paragraph",
                    "في الخامسة فجرًا، يضجّ السوق المسقوف في حي الصيادين عادةً بالأصوات، لكنه بدا هذا الأسبوع نصف فارغ. فمنذ مطلع أكتوبر، أبقت العواصف نحو نصف قوارب الصيد المسجلة في مرسى الزهرة، وعددها 340 قاربًا، راسيةً في الميناء، وارتفع سعر كيلو السردين من 3.5 إلى 4.9 دنانير بحسب التجار.",
                ),
                ("subheading", "قوارب أقل.. وزبائن أقل"),
                (
                    "paragraph",
                    "تبيع أم رامي السمك على المنضدة الرخامية نفسها منذ 27 عامًا، وتقول إن زبائنها صاروا يشترون بالسمكة لا بالكيلو. أما مطاعم الكورنيش فتحوّلت إلى الأسماك المستوردة المجمّدة، وهي أرخص ثمنًا لكنها، على حد قولها، «بطعم الثلاجة». وتقدّر أن دخلها تراجع بنحو الثلث خلال هذا الشهر وحده.",
                ),
                (
                    "quote",
                    {
                        "text": "البحر هو من يحدد السعر، ونحن نكتبه على اللوح فقط.",
                        "attribution": "أم رامي، بائعة سمك في حي الصيادين",
                    },
                ),
                (
                    "paragraph",
                    "وطالبت نقابة الصيادين الحكومة بصرف بدل مؤقت للطواقم المتوقفة عن العمل، فيما قالت وزارة الزراعة، المسؤولة عن قطاع الصيد، إنها تدرس الطلب. ويتوقع خبراء الأرصاد أن يهدأ الطقس اعتبارًا من منتصف نوفمبر، غير أن التجار يحذرون من أن الأسعار نادرًا ما تنخفض بالسرعة التي ترتفع بها.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "container-terminal-deal",
        "slug": "port-signs-310-million-dinar-container-terminal-deal",
        "section": "economy",
        "type": "news",
        "authors": ["nadia"],
        "published": "2026-11-10T15:20",
        "updated": "2026-11-11T09:00",
        "image": {
            "motif": "harbour",
            "palette": ["#023047", "#fb8500", "#8ecae6"],
            "photographer": "Karim Sallam",
            "agency": "Qadira Press Agency",
        },
        "en": {
            "headline": "Port signs 310-million-dinar deal for a new container terminal",
            "standfirst": "A consortium led by Meridian Harbour Partners will build and run the terminal for 30 years, doubling Marsa Zahra's container capacity.",
            "dateline": "Marsa Zahra",
            "caption": "Cranes at the existing container quay in Marsa Zahra.",
            "alt": "Stylised harbour with orange cranes under a blue sky.",
            "tags": ["port", "investment", "trade"],
            "body": [
                (
                    "paragraph",
                    "The Marsa Zahra Port Authority signed a 310-million-dinar agreement on Tuesday with a consortium led by Meridian Harbour Partners to build and operate a new container terminal on reclaimed land north of the existing quay. The terminal is due to open in 2030 and would lift the port's annual capacity from 600,000 to 1.2 million standard containers, according to the authority.",
                ),
                ("subheading", "Jobs, and worries in the fishing harbour"),
                (
                    "factbox",
                    {
                        "title": "The deal",
                        "items": [
                            "Value: 310 million dinars",
                            "Concession: 30 years",
                            "Capacity: from 600,000 to 1.2 million containers a year",
                            "Expected jobs: 1,400 during construction, 650 permanent",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "Port director Kamal Zubaidi said the state would receive 18% of terminal revenues and keep ownership of the land. The project is expected to create about 1,400 construction jobs and 650 permanent posts. Officials said at least 70% of permanent staff must be Qadiran nationals.",
                ),
                (
                    "quote",
                    {
                        "text": "Ships are getting bigger and our quay is not. Without this terminal, the cargo simply goes to someone else's port.",
                        "attribution": "Kamal Zubaidi, director of the Marsa Zahra Port Authority",
                    },
                ),
                (
                    "paragraph",
                    "The fishermen's union fears that dredging for the terminal will disturb breeding grounds near Ras al-Nakhl and has demanded an independent environmental study. The authority says a study was completed in 2025 and will be published in full. On Wednesday morning, after this article was first published, it posted a summary of the study on its website.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "الميناء يوقّع صفقة بقيمة 310 ملايين دينار لإنشاء محطة حاويات جديدة",
            "standfirst": "سيتولى تحالف تقوده شركة «ميريديان هاربر بارتنرز» بناء المحطة وتشغيلها 30 عامًا، ما يضاعف طاقة مرسى الزهرة على مناولة الحاويات.",
            "dateline": "مرسى الزهرة",
            "caption": "رافعات على رصيف الحاويات الحالي في مرسى الزهرة.",
            "alt": "رسم تجريدي لميناء برافعات برتقالية تحت سماء زرقاء.",
            "tags": ["الميناء", "الاستثمار", "التجارة"],
            "body": [
                (
                    "paragraph",
                    "وقّعت سلطة ميناء مرسى الزهرة يوم الثلاثاء اتفاقًا بقيمة 310 ملايين دينار مع تحالف تقوده شركة «ميريديان هاربر بارتنرز» لبناء محطة حاويات جديدة وتشغيلها على أرض مستصلحة شمال الرصيف الحالي. ومن المقرر افتتاح المحطة عام 2030، على أن ترفع الطاقة السنوية للميناء من 600 ألف إلى 1.2 مليون حاوية نمطية، بحسب السلطة.",
                ),
                ("subheading", "فرص عمل.. ومخاوف في مرفأ الصيد"),
                (
                    "factbox",
                    {
                        "title": "تفاصيل الصفقة",
                        "items": [
                            "القيمة: 310 ملايين دينار",
                            "مدة الامتياز: 30 عامًا",
                            "الطاقة: من 600 ألف إلى 1.2 مليون حاوية سنويًا",
                            "فرص العمل المتوقعة: 1400 خلال البناء و650 وظيفة دائمة",
                        ],
                    },
                ),
                (
                    "paragraph",
                    "وقال مدير الميناء كمال الزبيدي إن الدولة ستحصل على 18% من إيرادات المحطة وستحتفظ بملكية الأرض. ويُتوقع أن يوفّر المشروع نحو 1400 فرصة عمل خلال مرحلة البناء و650 وظيفة دائمة. وأوضح مسؤولون أن 70% على الأقل من الموظفين الدائمين يجب أن يكونوا من المواطنين القديريين.",
                ),
                (
                    "quote",
                    {
                        "text": "السفن تكبر ورصيفنا لا يكبر. من دون هذه المحطة ستذهب البضائع ببساطة إلى موانئ غيرنا.",
                        "attribution": "كمال الزبيدي، مدير سلطة ميناء مرسى الزهرة",
                    },
                ),
                (
                    "paragraph",
                    "في المقابل، تخشى نقابة الصيادين أن تضرّ أعمال التجريف اللازمة للمحطة بمناطق تكاثر الأسماك قرب رأس النخل، وطالبت بدراسة بيئية مستقلة. وتقول السلطة إن دراسة أُنجزت عام 2025 وستُنشر كاملة، وقد نشرت صباح الأربعاء، بعد النشر الأول لهذا المقال، ملخصًا لها على موقعها الإلكتروني.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "winter-tourism-bookings",
        "slug": "winter-hotel-bookings-up-12-percent",
        "section": "economy",
        "type": "news",
        "authors": ["nadia"],
        "published": "2026-11-16T10:00",
        "updated": None,
        "image": {
            "motif": "sun",
            "palette": ["#e76f51", "#f4a261", "#264653"],
            "photographer": "Dina Awad",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Winter hotel bookings in Marsa Zahra up 12%, tourism board says",
            "standfirst": "Two new direct flight routes and a mild forecast are drawing visitors, but hotel workers say wages have not followed.",
            "dateline": "Marsa Zahra",
            "caption": "Guests on a hotel terrace overlooking the corniche in Marsa Zahra.",
            "alt": "Stylised coral and orange sun over a dark green horizon.",
            "tags": ["tourism", "hotels", "jobs"],
            "body": [
                (
                    "paragraph",
                    "Hotel bookings in Marsa Zahra for December to February are 12% higher than at the same point last year, the Qadira Tourism Board said on Monday, helped by two new direct flight routes that began in October. Occupancy in the city's 58 licensed hotels is expected to average 64% over the winter, compared with 55% last season.",
                ),
                ("subheading", "Shorter stays, more spending"),
                (
                    "paragraph",
                    "The board said visitors are staying an average of 3.8 nights, slightly fewer than before, but spending more each day on restaurants, boat trips and the old town's craft shops. Guesthouses in the old town reported the strongest growth, and some are already fully booked for the New Year week.",
                ),
                (
                    "quote",
                    {
                        "text": "Our rooms are full in November for the first time since I opened. My worry now is finding staff who will stay.",
                        "attribution": "Rola Mansi, owner of a guesthouse in the old town",
                    },
                ),
                (
                    "paragraph",
                    "The hospitality workers' union says the average monthly wage in the sector, about 520 dinars, has barely moved in three years, and that many employees are hired on seasonal contracts without health insurance. The tourism board said it would discuss a voluntary wage charter with hotel owners before the summer season begins.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "lighthouse-restoration",
        "slug": "old-lighthouse-is-lit-again-after-40-years",
        "section": "society",
        "type": "feature",
        "authors": ["youssef"],
        "published": "2026-10-26T16:00",
        "updated": None,
        "image": {
            "motif": "lamp",
            "palette": ["#14213d", "#fca311", "#e5e5e5"],
            "photographer": "Faris Nakhleh",
            "agency": "Nashra",
        },
        "en": {
            "headline": "After 40 dark years, Marsa Zahra's old lighthouse is lit again",
            "standfirst": "Volunteers, retired sailors and a stubborn engineer spent two years restoring the 1911 tower at the tip of the old harbour.",
            "dateline": "Marsa Zahra",
            "caption": "The restored lantern room of the old lighthouse glows above the harbour wall on the evening of its relighting.",
            "alt": "Stylised lamp glowing amber against a navy background.",
            "tags": ["heritage", "old harbour", "volunteers"],
            "body": [
                (
                    "paragraph",
                    "For four decades the stone lighthouse at the end of the old harbour wall was little more than a backdrop for wedding photographs. On Saturday evening, several hundred people gathered on the quay to watch its lantern turn again, after a two-year restoration funded largely by private donations and carried out by volunteers under the direction of a retired port engineer, Munir Khoury.",
                ),
                ("subheading", "A tower rebuilt by hand"),
                (
                    "paragraph",
                    "The tower, built in 1911, was switched off in 1986 when a modern beacon was installed on the new breakwater. Salt had eaten through its iron stairs and cracked the lantern glass. Volunteers replaced 142 steps one by one, and a glazier from Wadi Sarab spent four months fitting the new panes.",
                ),
                (
                    "quote",
                    {
                        "text": "Every fisherman of my father's generation learned to come home by this light. I did not want my grandchildren to know it only from postcards.",
                        "attribution": "Munir Khoury, retired port engineer",
                    },
                ),
                (
                    "paragraph",
                    "The lighthouse will not guide ships again; the port authority says it will serve only as a heritage landmark. But the municipality plans to open the tower to visitors in the spring, with a small museum of maritime instruments on the ground floor. Entry will be free for schoolchildren, and the restoration committee hopes ticket sales will cover maintenance.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "بعد أربعين عامًا من العتمة.. منارة مرسى الزهرة القديمة تضيء من جديد",
            "standfirst": "أمضى متطوعون وبحّارة متقاعدون ومهندس عنيد عامين في ترميم البرج الذي شُيّد عام 1911 عند طرف الميناء القديم.",
            "dateline": "مرسى الزهرة",
            "caption": "غرفة الفانوس في المنارة القديمة بعد ترميمها، تضيء فوق سور الميناء مساء إعادة تشغيلها.",
            "alt": "رسم تجريدي لمصباح يشع بلون كهرماني على خلفية كحلية.",
            "tags": ["التراث", "الميناء القديم", "التطوع"],
            "body": [
                (
                    "paragraph",
                    "طوال أربعة عقود، لم تكن المنارة الحجرية عند نهاية سور الميناء القديم أكثر من خلفية لصور الأعراس. لكن مساء السبت، تجمّع مئات الأشخاص على الرصيف ليشاهدوا فانوسها يدور من جديد، بعد عملية ترميم استمرت عامين، موّلتها في معظمها تبرعات خاصة، ونفّذها متطوعون بإشراف مهندس الموانئ المتقاعد منير الخوري.",
                ),
                ("subheading", "برج أُعيد بناؤه باليد"),
                (
                    "paragraph",
                    "شُيّدت المنارة عام 1911، وأُطفئت عام 1986 حين نُصبت إشارة حديثة على حاجز الأمواج الجديد. وكان الملح قد أكل درجها الحديدي وشقّق زجاج فانوسها، فاستبدل المتطوعون 142 درجة واحدة تلو الأخرى، فيما أمضى حرفي زجاج من وادي سراب أربعة أشهر في تركيب الألواح الجديدة.",
                ),
                (
                    "quote",
                    {
                        "text": "كل صيادي جيل أبي تعلّموا العودة إلى البيت على هدي هذا الضوء. لم أرد أن يعرفه أحفادي من البطاقات البريدية فقط.",
                        "attribution": "منير الخوري، مهندس موانئ متقاعد",
                    },
                ),
                (
                    "paragraph",
                    "لن تعود المنارة إلى إرشاد السفن، إذ تقول سلطة الميناء إنها ستبقى معلمًا تراثيًا فحسب. غير أن البلدية تعتزم فتح البرج أمام الزوار في الربيع، مع متحف صغير للأدوات البحرية في طابقه الأرضي. وسيكون الدخول مجانيًا لتلاميذ المدارس، فيما تأمل لجنة الترميم أن تغطي عائدات التذاكر كلفة الصيانة.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "hospital-emergency-wing",
        "slug": "general-hospital-opens-new-emergency-wing",
        "section": "society",
        "type": "news",
        "authors": ["youssef"],
        "published": "2026-11-04T11:15",
        "updated": None,
        "image": {
            "motif": "grid",
            "palette": ["#2a9d8f", "#264653", "#f4f1de"],
            "photographer": "Dina Awad",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Marsa Zahra General Hospital opens emergency wing with 48 beds",
            "standfirst": "The new department doubles the hospital's emergency capacity, but doctors warn that staffing has not kept pace.",
            "dateline": "Marsa Zahra",
            "caption": "Nurses prepare treatment bays in the new emergency wing of Marsa Zahra General Hospital before its opening on Wednesday.",
            "alt": "Abstract grid of teal and dark green squares.",
            "tags": ["health", "hospitals", "marsa zahra"],
            "body": [
                (
                    "paragraph",
                    "Marsa Zahra General Hospital opened a new emergency wing on Wednesday, raising the number of emergency beds from 24 to 48 and adding a separate area for children. The three-storey building cost 27 million dinars and took almost four years to complete, delayed by a dispute with the contractor and by shortages of imported medical equipment during 2024.",
                ),
                ("subheading", "Waiting times"),
                (
                    "paragraph",
                    "The emergency department treated about 96,000 patients last year, and average waiting times exceeded five hours during the summer peak. Health Minister Dr Fadi Marouf said the new wing should halve waits, and that a triage system run by specially trained nurses would send minor cases to two nearby clinics, which will stay open until midnight.",
                ),
                (
                    "quote",
                    {
                        "text": "We have doubled the beds. Now we must find the people to stand beside them.",
                        "attribution": "Dr Hiba Saleh, head of emergency medicine at the hospital",
                    },
                ),
                (
                    "paragraph",
                    "Doctors' representatives say the hospital still needs at least 30 more nurses and 12 emergency physicians to run the wing at full capacity. The ministry says recruitment is under way and that 18 nurses who graduated in September will start work in December. Until then, part of the children's area will open only during the day.",
                ),
            ],
            "corrections": [
                {
                    "date": "2026-11-05",
                    "text": "An earlier version of this article misspelled the name of Dr Hiba Saleh, head of emergency medicine at the hospital.",
                },
            ],
        },
        "ar": {
            "headline": "مستشفى مرسى الزهرة العام يفتتح جناحًا جديدًا للطوارئ بسعة 48 سريرًا",
            "standfirst": "يضاعف القسم الجديد القدرة الاستيعابية للطوارئ في المستشفى، لكن الأطباء يحذرون من أن أعداد الكوادر لم تواكب التوسعة.",
            "dateline": "مرسى الزهرة",
            "caption": "ممرضات يجهّزن غرف العلاج في جناح الطوارئ الجديد بمستشفى مرسى الزهرة العام قبل افتتاحه يوم الأربعاء.",
            "alt": "شبكة تجريدية من مربعات خضراء مزرقة وداكنة.",
            "tags": ["الصحة", "المستشفيات", "مرسى الزهرة"],
            "body": [
                (
                    "paragraph",
                    "افتتح مستشفى مرسى الزهرة العام يوم الأربعاء جناحًا جديدًا للطوارئ رفع عدد أسرّة الطوارئ من 24 إلى 48 سريرًا، وأضاف قسمًا مستقلًا للأطفال. وبلغت كلفة المبنى المؤلف من ثلاثة طوابق 27 مليون دينار، واستغرق إنجازه قرابة أربع سنوات بسبب نزاع مع المقاول ونقص في المعدات الطبية المستوردة خلال عام 2024.",
                ),
                ("subheading", "ساعات الانتظار"),
                (
                    "paragraph",
                    "واستقبل قسم الطوارئ نحو 96 ألف مريض العام الماضي، وتجاوز متوسط الانتظار خمس ساعات في ذروة الصيف. وقال وزير الصحة الدكتور فادي معروف إن الجناح الجديد سيقلّص مدة الانتظار إلى النصف، وإن نظام فرز يديره ممرضون مدرَّبون سيحوّل الحالات البسيطة إلى عيادتين قريبتين تعملان حتى منتصف الليل.",
                ),
                (
                    "quote",
                    {
                        "text": "ضاعفنا عدد الأسرّة، وعلينا الآن أن نجد من يقف إلى جانبها.",
                        "attribution": "الدكتورة هبة صالح، رئيسة قسم طب الطوارئ في المستشفى",
                    },
                ),
                (
                    "paragraph",
                    "ويقول ممثلو الأطباء إن المستشفى لا يزال بحاجة إلى 30 ممرضًا و12 طبيب طوارئ إضافيين على الأقل لتشغيل الجناح بطاقته الكاملة. وتؤكد الوزارة أن عملية التوظيف جارية، وأن 18 ممرضًا وممرضة تخرّجوا في سبتمبر سيباشرون العمل في ديسمبر، وحتى ذلك الحين سيعمل جزء من قسم الأطفال خلال ساعات النهار فقط.",
                ),
            ],
            "corrections": [
                {
                    "date": "2026-11-05",
                    "text": "ورد اسم الدكتورة هبة صالح، رئيسة قسم طب الطوارئ في المستشفى، بشكل خاطئ في نسخة سابقة من هذا المقال.",
                },
            ],
        },
    },
    {
        "key": "school-bus-routes",
        "slug": "new-school-bus-routes-for-outlying-neighbourhoods",
        "section": "society",
        "type": "news",
        "authors": ["youssef"],
        "published": "2026-11-15T12:50",
        "updated": None,
        "image": {
            "motif": "sun",
            "palette": ["#ffb703", "#219ebc", "#fefae0"],
            "photographer": "Faris Nakhleh",
            "agency": "Nashra",
        },
        "ar": {
            "headline": "خطوط حافلات مدرسية جديدة تربط الأحياء الطرفية بمدارس مرسى الزهرة",
            "standfirst": "أطلقت مديرية التربية 14 خطًا جديدًا يستفيد منها نحو 2600 تلميذ، بعد شكاوى أهالٍ من اضطرار أبنائهم إلى السير مسافات طويلة.",
            "dateline": "مرسى الزهرة",
            "caption": "تلاميذ يصعدون إلى حافلة مدرسية في حي الرمال صباح الأحد.",
            "alt": "رسم تجريدي لشمس صفراء فوق خطوط زرقاء.",
            "tags": ["التعليم", "النقل", "مرسى الزهرة"],
            "body": [
                (
                    "paragraph",
                    "بدأت مديرية التربية في مرسى الزهرة صباح الأحد تشغيل 14 خطًا جديدًا للحافلات المدرسية، تربط أحياء الرمال وتلة السرو والمنطقة الصناعية الجنوبية بالمدارس الحكومية في وسط المدينة. ويستفيد من الخطوط نحو 2600 تلميذ، كان كثير منهم يسيرون أكثر من ثلاثة كيلومترات يوميًا.",
                ),
                ("subheading", "اشتراك رمزي وإعفاءات"),
                (
                    "paragraph",
                    "وحددت المديرية اشتراكًا شهريًا قدره خمسة دنانير للتلميذ، مع إعفاء كامل للأسر المسجلة في برنامج الدعم الاجتماعي، التي تشكّل قرابة ثلث المستفيدين. وتعاقدت المديرية مع شركة نقل محلية لتشغيل 22 حافلة، يرافق كلًّا منها مشرف أو مشرفة من موظفي المدارس، كما ستُزوَّد الحافلات بأجهزة تتبع تتيح للأهالي معرفة مواقعها عبر تطبيق هاتفي.",
                ),
                (
                    "quote",
                    {
                        "text": "كانت ابنتي تخرج في السادسة والنصف صباحًا، في العتمة، وتقطع الطريق السريع مشيًا. اليوم تنتظر الحافلة أمام البيت.",
                        "attribution": "نوال سعيد، والدة تلميذة من حي الرمال",
                    },
                ),
                (
                    "paragraph",
                    "غير أن لجان أولياء الأمور في حي الصيادين تقول إن الحي أُسقط من الخطة رغم بُعده عن المدارس الثانوية. وردّت المديرية بأن مرحلة ثانية تضم ستة خطوط إضافية ستُطرح مع بداية الفصل الدراسي الثاني في فبراير، إذا أُقرّت الاعتمادات اللازمة في موازنة العام المقبل.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "hay-al-sayyadin-flooding",
        "slug": "residents-protest-after-rain-floods-hay-al-sayyadin",
        "section": "society",
        "type": "news",
        "authors": ["youssef"],
        "published": "2026-11-18T09:55",
        "updated": "2026-11-18T16:40",
        "image": {
            "motif": "waves",
            "palette": ["#1b263b", "#415a77", "#e0e1dd"],
            "photographer": "Karim Sallam",
            "agency": "Nashra",
        },
        "en": {
            "headline": "Residents protest after rain floods Hay al-Sayyadin for the third time this year",
            "standfirst": "Water rose to knee height in parts of the fishermen's quarter overnight; the municipality blames blocked drains and an overloaded pumping station.",
            "dateline": "Marsa Zahra",
            "caption": "Residents wade through a flooded street in Hay al-Sayyadin on Tuesday night.",
            "alt": "Abstract bands of grey-blue water under a dark sky.",
            "tags": ["flooding", "infrastructure", "hay al-sayyadin"],
            "body": [
                (
                    "paragraph",
                    "Dozens of residents of Hay al-Sayyadin blocked the coastal road for about an hour on Wednesday morning after overnight rain flooded streets and ground-floor homes in the fishermen's quarter for the third time this year. Water reached knee height in some alleys, and civil defence teams evacuated 11 families.",
                ),
                ("subheading", "A pumping station built for fewer homes"),
                (
                    "paragraph",
                    "The municipality said 46 millimetres of rain fell in three hours, overwhelming a pumping station built in 1998 for a neighbourhood about half its present size. Engineers also found drains blocked by sand and plastic waste. Residents say they have been reporting the same blocked channels since the spring, and that the promised cleaning crews never arrived.",
                ),
                (
                    "quote",
                    {
                        "text": "Every time it rains we lift the fridge onto bricks and wait. We should not need a boat to leave our own homes.",
                        "attribution": "Hanan Qudsi, resident of Hay al-Sayyadin",
                    },
                ),
                (
                    "paragraph",
                    "Mayor Hala Mansour visited the neighbourhood on Wednesday afternoon and announced 1.8 million dinars for a new pumping station, to be finished before next winter, along with emergency drain cleaning this week. Opposition councillors called the timing, less than a month before the municipal elections, convenient.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "احتجاجات في حي الصيادين بعد أن أغرقت الأمطار شوارعه للمرة الثالثة هذا العام",
            "standfirst": "ارتفعت المياه حتى الركبة في أجزاء من الحي خلال الليل، فيما تُرجع البلدية السبب إلى انسداد المصارف وعجز محطة الضخ.",
            "dateline": "مرسى الزهرة",
            "caption": "سكان يخوضون في المياه في أحد شوارع حي الصيادين ليل الثلاثاء.",
            "alt": "رسم تجريدي لطبقات من المياه الرمادية الزرقاء تحت سماء داكنة.",
            "tags": ["الفيضانات", "البنية التحتية", "حي الصيادين"],
            "body": [
                (
                    "paragraph",
                    "أغلق عشرات من سكان حي الصيادين الطريق الساحلي نحو ساعة صباح الأربعاء احتجاجًا، بعدما أغرقت أمطار الليلة الماضية شوارع الحي والطوابق الأرضية من منازله للمرة الثالثة هذا العام. وبلغت المياه مستوى الركبة في بعض الأزقة، وأجلت فرق الدفاع المدني 11 عائلة من منازلها المتضررة.",
                ),
                ("subheading", "محطة ضخ بُنيت لعدد أقل من المنازل"),
                (
                    "paragraph",
                    "وقالت البلدية إن 46 مليمترًا من الأمطار هطلت خلال ثلاث ساعات، ما فاق قدرة محطة ضخ أُنشئت عام 1998 لحي لم يكن يتجاوز نصف حجمه الحالي. كما عثر المهندسون على مصارف مسدودة بالرمل والنفايات البلاستيكية. ويقول السكان إنهم يبلّغون عن القنوات المسدودة نفسها منذ الربيع، وإن فرق التنظيف الموعودة لم تصل قط.",
                ),
                (
                    "quote",
                    {
                        "text": "كلما أمطرت نرفع الثلاجة على قوالب الطوب وننتظر. لا يُعقل أن نحتاج إلى قارب كي نخرج من بيوتنا.",
                        "attribution": "حنان القدسي، من سكان حي الصيادين",
                    },
                ),
                (
                    "paragraph",
                    "وزارت رئيسة البلدية هالة منصور الحي بعد ظهر الأربعاء، وأعلنت تخصيص 1.8 مليون دينار لإنشاء محطة ضخ جديدة تُنجز قبل الشتاء المقبل، إلى جانب حملة طارئة لتنظيف المصارف هذا الأسبوع. غير أن أعضاء المعارضة في المجلس البلدي رأوا في التوقيت، قبل أقل من شهر على الانتخابات البلدية، خدمة انتخابية مكشوفة.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "opinion-cameras-trust",
        "slug": "cameras-are-no-substitute-for-trust",
        "section": "opinion",
        "type": "opinion",
        "authors": ["salma"],
        "published": "2026-11-08T08:00",
        "updated": None,
        "image": {
            "motif": "grid",
            "palette": ["#3d405b", "#e07a5f", "#f4f1de"],
            "photographer": "Leen Qabbani",
            "agency": "Nashra",
        },
        "en": {
            "headline": "A camera on every corner is no substitute for a police officer who knows your name",
            "standfirst": "The port district needs safer streets. It also needs rules, and a police force that people are willing to talk to.",
            "dateline": "Marsa Zahra",
            "caption": "A street in the old town of Marsa Zahra at dusk.",
            "alt": "Abstract grid of slate and coral squares.",
            "tags": ["surveillance", "policing", "opinion"],
            "body": [
                (
                    "paragraph",
                    "When the interior ministry announced 420 new cameras for the port district last week, the reaction in my street was not outrage but a shrug. People here want the warehouse thefts to stop. I understand the shrug. But a shrug is not a policy, and this plan deserves a proper argument.",
                ),
                ("subheading", "What the cameras cannot see"),
                (
                    "paragraph",
                    "Cameras record; they do not prevent. Cities that have covered their centres with lenses have often found that crime simply moves a few streets away. What deters theft in a neighbourhood is a patrol that walks the same route every night, and officers whom shopkeepers trust enough to call before trouble starts, not after.",
                ),
                (
                    "paragraph",
                    "The ministry has promised an annual audit. Good. Parliament should go further and pass the data-protection law that has gathered dust since 2023, so that every resident knows who may watch the recordings, for how long, and how to complain. More than six million dinars is a lot of money to spend before we have agreed on the rules.",
                ),
                (
                    "paragraph",
                    "Safety is built on relationships as much as on equipment. If the ministry spent even a fraction of the camera budget on community officers in the port district, I suspect it would learn more in a month than a control room could in a year. Let us have the cameras, if we must. But let us have the rules and the people first.",
                ),
            ],
            "corrections": [],
        },
        "ar": {
            "headline": "كاميرا في كل زاوية لا تعوّض شرطيًا يعرف اسمك",
            "standfirst": "تحتاج منطقة الميناء إلى شوارع أكثر أمانًا، لكنها تحتاج أيضًا إلى قواعد واضحة، وإلى شرطة يثق بها الناس ويتحدثون إليها.",
            "dateline": "مرسى الزهرة",
            "caption": "شارع في البلدة القديمة بمرسى الزهرة عند الغروب.",
            "alt": "شبكة تجريدية من مربعات رمادية مزرقة ومرجانية.",
            "tags": ["المراقبة", "الشرطة", "رأي"],
            "body": [
                (
                    "paragraph",
                    "حين أعلنت وزارة الداخلية الأسبوع الماضي عن تركيب 420 كاميرا جديدة في منطقة الميناء، لم يكن ردّ الفعل في شارعنا غضبًا، بل هزّة كتف. فالناس هنا يريدون أن تتوقف سرقات المستودعات. أتفهّم هذه اللامبالاة، لكنها ليست سياسة، والخطة تستحق نقاشًا أعمق من ذلك بكثير.",
                ),
                ("subheading", "ما لا تراه الكاميرات"),
                (
                    "paragraph",
                    "الكاميرات تسجّل ولا تمنع. فالمدن التي غطّت مراكزها بالعدسات اكتشفت في أحيان كثيرة أن الجريمة تنتقل ببساطة إلى شوارع مجاورة. ما يردع السرقة في الحي هو دورية تسلك الطريق نفسه كل ليلة، وعناصر شرطة يثق بهم أصحاب المحال بما يكفي للاتصال بهم قبل وقوع المشكلة لا بعدها.",
                ),
                (
                    "paragraph",
                    "وعدت الوزارة بتدقيق سنوي، وهذا أمر جيد. لكن على البرلمان أن يذهب أبعد من ذلك، فيقرّ قانون حماية البيانات الذي يعلوه الغبار منذ عام 2023، كي يعرف كل مواطن من يحق له مشاهدة التسجيلات، ولأي مدة، وكيف يتقدم بشكوى. فأكثر من ستة ملايين دينار مبلغ كبير يُنفق قبل أن نتفق على القواعد.",
                ),
                (
                    "paragraph",
                    "الأمان يُبنى على العلاقات بقدر ما يُبنى على المعدات. ولو أنفقت الوزارة جزءًا يسيرًا من ميزانية الكاميرات على شرطة مجتمعية في منطقة الميناء، فأغلب ظني أنها ستعرف في شهر واحد ما لا تعرفه غرفة التحكم في عام كامل. فلتكن الكاميرات إن كان لا بد منها، لكن لتسبقها القواعد والناس.",
                ),
            ],
            "corrections": [],
        },
    },
    {
        "key": "opinion-sea-not-spare-land",
        "slug": "the-sea-is-not-a-spare-plot-of-land",
        "section": "opinion",
        "type": "opinion",
        "authors": ["hamid"],
        "published": "2026-11-21T09:10",
        "updated": None,
        "image": {
            "motif": "waves",
            "palette": ["#03045e", "#00b4d8", "#caf0f8"],
            "photographer": "Leen Qabbani",
            "agency": "Nashra",
        },
        "ar": {
            "headline": "البحر ليس قطعة أرض فائضة عن الحاجة",
            "standfirst": "قد تكون محطة الحاويات الجديدة ضرورة اقتصادية، لكن من يدفع ثمنها ينبغي أن يكون شريكًا في القرار لا متفرجًا عليه.",
            "dateline": "مرسى الزهرة",
            "caption": "قوارب صيد راسية في مرفأ حي الصيادين قرب موقع محطة الحاويات المقترحة.",
            "alt": "رسم تجريدي لأمواج بدرجات الأزرق الداكن والفاتح.",
            "tags": ["رأي", "الصيادون", "الميناء"],
            "body": [
                (
                    "paragraph",
                    "كبرتُ على صوت محركات القوارب وهي تغادر مرفأ حي الصيادين قبل الفجر، وما زلت أعرف من صوتها أي قارب تأخر وأي قارب عاد مثقلًا بالرزق. لذلك حين قرأت أن محطة الحاويات الجديدة ستُقام على أرض تُستصلح من البحر شمال الرصيف، لم أفكر في الرافعات ولا في الحاويات، بل في المياه الضحلة التي تبيض فيها الأسماك منذ أجيال.",
                ),
                ("subheading", "شراكة لا مجاملة"),
                (
                    "paragraph",
                    "لا أجادل في أن مرسى الزهرة تحتاج إلى ميناء أكبر، ولا في أن 650 وظيفة دائمة رقم يستحق الاحترام في مدينة يبحث شبابها عن عمل. لكن الصيادين لم يُسألوا عن رأيهم إلا بعد توقيع العقد، ولم يُنشر ملخص الدراسة البيئية إلا بعد أن طالبت به النقابة علنًا. هذا ليس تشاورًا، بل إبلاغ بقرار متخذ سلفًا.",
                ),
                (
                    "paragraph",
                    "المطلوب ليس تعطيل المشروع، بل ثلاثة أمور بسيطة: نشر الدراسة البيئية كاملة كما وُعدنا، وتعيين ممثل عن الصيادين في لجنة متابعة الأعمال، وتخصيص نسبة صغيرة من حصة الدولة في إيرادات المحطة لصندوق يعوّض من تتضرر أرزاقهم إن ثبت الضرر. فمن يتقاسم المخاطر يستحق أن يتقاسم القرار أيضًا.",
                ),
                (
                    "paragraph",
                    "البحر في هذه المدينة ليس مساحة فارغة تنتظر من يملؤها بالإسمنت، بل هو ذاكرتها ومطبخها ومصدر رزق آلاف العائلات. ومن السهل أن نرسم على الخريطة حدود محطة جديدة، لكن من الصعب أن نعيد ما يضيع تحت الماء. ولعل أفضل ما نفعله الآن أن نصغي قبل أن نحفر.",
                ),
            ],
            "corrections": [],
        },
    },
]


# Each edition's front page layout (HomePage.layout, nashra.news.front.blocks), top to bottom:
# block type and its settings; "section" names a section by key, "stories" articles by key.
FRONT_LAYOUT = [
    ("lead", {"source": "automatic", "related_count": 2}),
    ("opinion", {"source": "automatic", "count": 2}),
    ("top_stories", {"source": "automatic", "count": 4}),
    ("latest", {"count": 4}),
    ("section", {"section": "security", "count": 3}),
    ("section", {"section": "politics", "count": 3}),
    ("section", {"section": "economy", "count": 3}),
    ("section", {"section": "society", "count": 3}),
    ("most_commented", {"count": 5, "days": 30}),
    (
        "story_list",
        {
            "title": {"en": "Explainers", "ar": "ملفات للفهم"},
            "stories": ["police-retention-analysis", "mansour-record-analysis"],
        },
    ),
]
