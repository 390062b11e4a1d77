Console.WriteLine("bench: see bench/README.md");
return 0;
