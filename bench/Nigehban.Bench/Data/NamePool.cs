namespace Nigehban.Bench.Data;

/// <summary>
/// Word lists for fake names: common given names and family names written as they are usually
/// romanised in Punjab. Names are drawn and combined at random, so the people they make up are
/// fictional; no list of real people is used anywhere.
/// </summary>
public static class NamePool
{
    public static IReadOnlyList<string> MaleGivenNames { get; } =
    [
        "Muhammad", "Ahmed", "Ali", "Hassan", "Hussain", "Usman", "Umar", "Bilal", "Imran", "Asif",
        "Tariq", "Zafar", "Kashif", "Naveed", "Shahid", "Sajid", "Waqas", "Faisal", "Adnan", "Irfan",
        "Kamran", "Rizwan", "Salman", "Zeeshan", "Fahad", "Hamza", "Danish", "Junaid", "Nadeem", "Arshad",
        "Khalid", "Javed", "Aslam", "Akram", "Rashid", "Sohail", "Shoaib", "Yasir", "Atif", "Mudassar",
        "Qasim", "Haris", "Talha", "Saad", "Abdullah", "Zubair", "Nasir", "Amjad", "Iqbal", "Pervaiz",
        "Ghulam", "Muneer", "Saleem", "Waseem", "Jamil", "Anwar", "Ashfaq", "Ijaz", "Mohsin", "Farhan",
    ];

    public static IReadOnlyList<string> FemaleGivenNames { get; } =
    [
        "Fatima", "Ayesha", "Zainab", "Maryam", "Khadija", "Sana", "Saima", "Nadia", "Rabia", "Amina",
        "Hira", "Iqra", "Mehwish", "Sadia", "Asma", "Bushra", "Farah", "Nazia", "Shazia", "Uzma",
        "Samina", "Rukhsana", "Parveen", "Naseem", "Shabana", "Tahira", "Kiran", "Sidra", "Aqsa", "Anum",
        "Mahnoor", "Laiba", "Areeba", "Noor", "Sobia", "Huma", "Fozia", "Nabila", "Ghazala", "Kausar",
        "Razia", "Sumaira", "Tayyaba", "Madiha", "Javeria", "Ammara", "Aneela", "Robina", "Zahida", "Nighat",
    ];

    public static IReadOnlyList<string> FamilyNames { get; } =
    [
        "Khan", "Malik", "Chaudhry", "Butt", "Sheikh", "Qureshi", "Rana", "Awan", "Mirza", "Hussain",
        "Shah", "Bhatti", "Gill", "Cheema", "Warraich", "Javed", "Ahmad", "Iqbal", "Aslam", "Raza",
        "Abbasi", "Siddiqui", "Ansari", "Gondal", "Tarar", "Virk", "Sandhu", "Bajwa", "Dogar", "Khokhar",
        "Janjua", "Niazi", "Lodhi", "Baig", "Rajput", "Arain", "Jutt", "Mughal", "Hashmi", "Gilani",
        "Bukhari", "Kazmi", "Naqvi", "Zaidi", "Rizvi", "Tiwana", "Sial", "Kharal", "Wattoo", "Joiya",
    ];
}
